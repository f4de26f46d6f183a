package io.assetmanager.demo;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Properties;

/**
 * Demo mode: the application configures itself against a Qualys simulator on this machine and loads a sample
 * inventory. It takes an explicit system property that only the Maven {@code demo} profile sets,
 * {@code assetmanager.demo=true}, together with a simulator URL that is plain HTTP on a loopback address, so it
 * cannot reach a real Qualys platform; anything half set stops the deployment with the reason.
 */
public record DemoMode(URI simulator, String username, String password, int sampleHosts) {

    public static final String FLAG = "assetmanager.demo";
    static final String URL = "assetmanager.demo.qualysUrl";
    static final String USER = "assetmanager.demo.qualysUser";
    static final String PASSWORD = "assetmanager.demo.qualysPassword";
    static final String HOSTS = "assetmanager.demo.hosts";
    static final String PLAIN_HTTP = "assetmanager.qualys.allowPlainHttp";

    /** Demo mode as this JVM's system properties set it. */
    public static Optional<DemoMode> current() {
        return from(System.getProperties());
    }

    /**
     * @return empty unless {@value #FLAG} is {@code true}
     * @throws IllegalStateException naming the property that is missing or wrong, when the flag is set
     */
    public static Optional<DemoMode> from(Properties p) {
        if (!"true".equals(p.getProperty(FLAG))) {
            return Optional.empty();
        }
        String url = required(p, URL);
        if (!isLoopbackHttp(url)) {
            throw refused(URL + "=" + url + " is not http:// on a loopback address (127.0.0.1, ::1, localhost): "
                    + "demo mode only talks to a simulator on this machine");
        }
        if (!"true".equals(p.getProperty(PLAIN_HTTP))) {
            throw refused(PLAIN_HTTP + "=true is needed to reach the simulator over plain HTTP");
        }
        int hosts;
        try {
            hosts = Integer.parseInt(p.getProperty(HOSTS, "4000").strip());
        } catch (NumberFormatException e) {
            throw refused(HOSTS + "=" + p.getProperty(HOSTS) + " is not a whole number");
        }
        if (hosts < 1 || hosts > DemoInventory.MAX_HOSTS) {
            throw refused(HOSTS + "=" + hosts + " is outside 1 to " + DemoInventory.MAX_HOSTS);
        }
        return Optional.of(new DemoMode(URI.create(url), required(p, USER), required(p, PASSWORD), hosts));
    }

    /** Whether {@code url} is {@code http://} to this machine only. */
    public static boolean isLoopbackHttp(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        String host = uri.getHost();
        if (!"http".equalsIgnoreCase(uri.getScheme()) || host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Literal addresses only: a name could resolve to another machine tomorrow.
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+\\]")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String required(Properties p, String name) {
        String value = p.getProperty(name);
        if (value == null || value.isBlank()) {
            throw refused(name + " is not set");
        }
        return value.strip();
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("Demo mode (" + FLAG + "=true) refused: " + why
                + ". Start the demo with the Maven profile: mvn package payara-micro:start -DskipTests -Pdemo");
    }
}
