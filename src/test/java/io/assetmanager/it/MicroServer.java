package io.assetmanager.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged WAR on Payara Micro in a process of its own, as an operator starts it: a free HTTP port, no Payara
 * cluster ({@code --nocluster}: instances share nothing but the database), the datasource from a post-boot file and
 * the environment, deployment properties as {@code -D} options. Its output goes to a file under
 * {@code target/micro-servers/}, whose tail {@link #logTail()} gives for failure messages. It can be stopped as an
 * operator stops it (SIGTERM) or killed as a crash kills it (SIGKILL), and started again with the same settings.
 */
public final class MicroServer implements AutoCloseable {

    private static final Path MICRO_JAR = Path.of(System.getProperty("user.home"), ".m2", "repository", "fish", "payara",
            "extras", "payara-micro", "6.2025.10", "payara-micro-6.2025.10.jar");
    private static final Path WAR = Path.of("target", "assetmanager.war");
    private static final Path LOGS = Path.of("target", "micro-servers");
    /** Payara Micro boots in about 20 s on an idle machine; on a shared 2-core machine under heavy load, in minutes. */
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(10);
    /** What a JVM's exit status is after SIGKILL (128 + 9) and after SIGTERM (128 + 15). */
    public static final int KILLED = 137;
    public static final int TERMINATED = 143;
    /** Every server still running when the test JVM ends is killed, so that a failed test leaves no process behind. */
    private static final List<MicroServer> RUNNING = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (RUNNING) {
                RUNNING.forEach(s -> s.process.destroyForcibly()); // SIGKILL ends a frozen process too
            }
        }, "micro-server-cleanup"));
    }

    private final String name;
    private final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private Process process;
    private Path log;
    private int starts;

    private MicroServer(String name, List<String> command, Map<String, String> environment, int port) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.port = port;
    }

    /** How to start one: system properties for its JVM, Payara Micro options, environment variables. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> microOptions = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder property(String key, Object value) {
            properties.put(key, String.valueOf(value));
            return this;
        }

        public Builder microOptions(String... options) {
            microOptions.addAll(List.of(options));
            return this;
        }

        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** Starts the server and waits until it answers; see {@link MicroServer#start()}. */
        public MicroServer start() {
            if (!Files.isRegularFile(WAR)) {
                throw new IllegalStateException("Run the integration tests after `package`: " + WAR + " is missing");
            }
            if (!Files.isRegularFile(MICRO_JAR)) {
                throw new IllegalStateException("Payara Micro is missing from the local Maven repository: " + MICRO_JAR);
            }
            int port = freePort();
            // Payara Micro unpacks its runtime into a temporary folder, which a killed server cannot delete.
            Path tmp = LOGS.resolve(name + "-tmp").toAbsolutePath();
            try {
                Files.createDirectories(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx512m", "-Djava.io.tmpdir=" + tmp));
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-jar", MICRO_JAR.toString(), "--deploy", WAR.toString(), "--contextroot", "/",
                    "--nocluster", "--port", String.valueOf(port)));
            command.addAll(microOptions);
            MicroServer server = new MicroServer(name, List.copyOf(command), Map.copyOf(environment), port);
            server.start();
            return server;
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /**
     * Starts the process (again, after a stop or a kill: same port, same options) and waits until the application
     * answers its REST API.
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(LOGS);
            log = LOGS.resolve(name + "-" + (++starts) + ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(environment);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Payara Micro for " + name, e);
        }
        synchronized (RUNNING) {
            RUNNING.add(this);
        }
        awaitReady();
    }

    private void awaitReady() {
        SyncApi api = new SyncApi(url());
        Wait.until(name + " to answer its REST API", BOOT_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with status " + process.exitValue() + " while starting"
                        + logTail());
            }
            try {
                return "HTTP " + api.get("/api/v1/sync/status").statusCode();
            } catch (IllegalStateException notListeningYet) {
                return "not listening yet"; // connection refused until Payara Micro has deployed the application
            }
        }, "HTTP 200"::equals, this::logTail);
    }

    public String name() {
        return name;
    }

    public URL url() {
        try {
            return new URL("http://127.0.0.1:" + port + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops it as an operator does (SIGTERM: Payara shuts down in order) and returns the exit status. */
    public int stop() {
        process.destroy();
        return awaitExit();
    }

    /**
     * Kills it as a crash does: SIGKILL, no shutdown of any kind (on Linux {@link Process#destroyForcibly()} sends
     * SIGKILL; the exit status, {@value #KILLED}, proves it). Returns the exit status.
     */
    public int kill() {
        process.destroyForcibly();
        return awaitExit();
    }

    /**
     * Freezes the process (SIGSTOP), as a long garbage-collection pause or a suspended virtual machine does: it holds
     * its connections and its place in the middle of whatever it was doing, and does nothing until {@link #resume}.
     */
    public void freeze() {
        signal("STOP");
    }

    /** Lets a frozen process go on (SIGCONT) from where it was. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not exit within 2 minutes" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            synchronized (RUNNING) {
                RUNNING.remove(this);
            }
        }
    }

    /** The last lines of this start's output, for failure messages. */
    public String logTail() {
        if (log == null) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "\n(cannot read " + log + ": " + e + ")";
        }
    }

    /**
     * Whether this start's output holds {@code text} anywhere: a message followed by a long stack trace, or by pages
     * of the pool's own complaints, is soon out of {@link #logTail()}'s reach.
     */
    public boolean logContains(String text) {
        if (log == null) {
            return false;
        }
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it if it still runs. */
    @Override
    public void close() {
        if (isAlive()) {
            stop();
        }
    }

    /** A port nobody listens on now (for a server's second listener, e.g. HTTPS). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
