package io.assetmanager.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged WAR ({@code target/assetmanager.war}) on Payara Micro in a process of its own, on a PostgreSQL
 * database, with plain HTTP to Qualys allowed (the simulator), a GC log beside its console log, and the sync timer
 * counting in seconds when asked.
 * Payara Micro runs the application in the JVM it is started in, so {@link #pid()} is the process to measure.
 */
public final class AppServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "benchmark";
    /** A read-only user {@code viewer}, created on the first start. */
    public static final String VIEWER_PASSWORD = "benchmark-viewer";

    private final Process process;
    private final URI base;
    private final Path gcLog;

    private AppServer(Process process, URI base, Path gcLog) {
        this.process = process;
        this.base = base;
        this.gcLog = gcLog;
    }

    /**
     * @param systemProperties extra {@code -D} options for the server JVM, e.g. {@code assetmanager.sync.intervalUnit=SECONDS}
     */
    public static AppServer start(String database, Path keyFile, Path log, String maxHeap,
            List<String> systemProperties) throws IOException {
        String micro = System.getProperty("user.home")
                + "/.m2/repository/fish/payara/extras/payara-micro/6.2025.10/payara-micro-6.2025.10.jar";
        int port = freePort();
        // The GC log gives the heap after each collection: what the server really keeps, garbage not counted.
        Path gcLog = log.resolveSibling(log.getFileName() + ".gc");
        Files.deleteIfExists(gcLog);
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + maxHeap, "-Xlog:gc:file=" + gcLog,
                "-Dassetmanager.qualys.allowPlainHttp=true", "-Dassetmanager.keyFile=" + keyFile.toAbsolutePath()));
        systemProperties.forEach(p -> command.add("-D" + p));
        // More server JVM options from the bench's own command line, e.g. a flight recording:
        // -Dbench.serverJvm="-XX:StartFlightRecording=filename=target/bench/sync.jfr".
        String extra = System.getProperty("bench.serverJvm", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", micro, "--nocluster", "--port", String.valueOf(port), "--deploy",
                "target/assetmanager.war", "--contextroot", "/", "--addlibs", "target/server-libs/postgresql.jar",
                "--postbootcommandfile", "payara-config/post-boot-postgresql.asadmin"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("ASSETMANAGER_VIEWER_PASSWORD", VIEWER_PASSWORD);
        pb.environment().putAll(Map.of("ASSETMANAGER_DB_HOST", BenchDatabase.host(), "ASSETMANAGER_DB_PORT",
                BenchDatabase.port(), "ASSETMANAGER_DB_NAME", database, "ASSETMANAGER_DB_USER", BenchDatabase.user(),
                "ASSETMANAGER_DB_PASSWORD", BenchDatabase.password().isEmpty() ? "unused" : BenchDatabase.password(),
                "ASSETMANAGER_ADMIN_PASSWORD", ADMIN_PASSWORD));
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return new AppServer(pb.start(), URI.create("http://127.0.0.1:" + port + "/"), gcLog);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the login page answers 200. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        // HTTP/1.1: the client's h2c upgrade on the very first requests to a booting server was seen to hang.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("login.xhtml"))
                        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Payara Micro did not answer within " + timeout);
    }

    public URI base() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * CPU time the server process has used so far, all threads (GC included), in seconds: from
     * {@code /proc/<pid>/stat}, user plus system, at Linux's usual 100 ticks a second. Unlike wall time it hardly
     * depends on what else runs on the machine.
     */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The server's GC log ({@code -Xlog:gc}), for {@link MemorySampler}. */
    public Path gcLog() {
        return gcLog;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
