package io.assetmanager.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of a test's own, that the test may stop and start as it likes (never the shared one other
 * builds use): {@code initdb} into a folder under {@code target/}, trust authentication, listening on 127.0.0.1 on a
 * free port, started and stopped with {@code pg_ctl}. PostgreSQL refuses to run as root, so when the tests run as root
 * the folder belongs to the {@code postgres} user and every command runs as that user ({@code runuser}).
 */
final class PostgresCluster implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final Path log;
    private final int port;
    private boolean running;

    private PostgresCluster(Path dir, int port) {
        this.dir = dir;
        this.log = dir.resolveSibling(dir.getFileName() + ".log");
        this.port = port;
    }

    /** Why no cluster of its own can be made here, if it cannot. */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.isExecutable(BIN.resolve("pg_ctl"))) {
            return Optional.of("PostgreSQL 15's initdb and pg_ctl are not in " + BIN + " (Debian package "
                    + "postgresql-15): no server of the test's own to restart");
        }
        if (asRoot() && !Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
            return Optional.of("the tests run as root and runuser is missing: PostgreSQL cannot be started as root");
        }
        return Optional.empty();
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Creates an empty cluster in {@code dir} (emptied first) and starts it. */
    static PostgresCluster create(Path dir) {
        Path abs = dir.toAbsolutePath();
        try {
            if (Files.exists(abs)) {
                try (var files = Files.walk(abs)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresCluster cluster = new PostgresCluster(abs, freePort());
        if (asRoot()) {
            run(List.of("chown", "postgres:postgres", abs.toString()));
        }
        cluster.pg(List.of(BIN.resolve("initdb").toString(), "-D", abs.toString(), "-U", "postgres", "-A", "trust",
                "--no-sync", "-E", "UTF8"));
        cluster.start();
        return cluster;
    }

    int port() {
        return port;
    }

    /** Starts the server and waits until it accepts connections. */
    void start() {
        pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.toString(), "-l", log.toString(), "-w", "-t", "120",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off", "start"));
        running = true;
    }

    /** Stops the server the way an administrator's restart does: open connections are closed, transactions rolled back. */
    void stop() {
        pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m", "fast", "-w", "stop"));
        running = false;
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }

    private void pg(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
            try {
                if (!Files.exists(log)) {
                    Files.writeString(log, "");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            run(List.of("chown", "postgres:postgres", log.toString()));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
