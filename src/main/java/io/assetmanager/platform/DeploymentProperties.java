package io.assetmanager.platform;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings that belong to the deployment, not to the pages: Java system properties (set with {@code -D} on the
 * server's command line, or {@code create-system-properties} in a post-boot file). They are read on use.
 */
public final class DeploymentProperties {

    private DeploymentProperties() {
    }

    /** Plain HTTP to Qualys, for the simulator and the demo only; HTTPS is required otherwise. */
    public static boolean allowPlainHttpToQualys() {
        return Boolean.getBoolean("assetmanager.qualys.allowPlainHttp");
    }

    public static Duration qualysReadTimeout() {
        return Duration.ofSeconds(Long.getLong("assetmanager.qualys.readTimeoutSeconds", 600));
    }

    public static Duration qualysConnectTimeout() {
        return Duration.ofSeconds(Long.getLong("assetmanager.qualys.connectTimeoutSeconds", 30));
    }

    /** Hosts per page of the Qualys host list (Qualys's truncation_limit). */
    public static int qualysTruncationLimit() {
        return Integer.getInteger("assetmanager.qualys.truncationLimit", 100_000);
    }

    /** The largest body of one Qualys write request, in bytes (docs/SYNC.md says why the default is safe). */
    public static int qualysMaxPostBytes() {
        return Integer.getInteger("assetmanager.qualys.maxPostBytes", 1_000_000);
    }

    /** The longest rate-limit wait a run sits through before it fails. */
    public static Duration qualysMaxRateLimitWait() {
        return Duration.ofSeconds(Long.getLong("assetmanager.qualys.maxRateLimitWaitSeconds", 900));
    }

    /** The pause before repeating a list call after a server error or a broken connection (times the attempt number). */
    public static Duration qualysRetryBackoff() {
        return seconds("assetmanager.qualys.retryBackoffSeconds", "5");
    }

    /** The pause after a 409 concurrency refusal (code 1960) or a rate refusal without a wait time (times the retry number). */
    public static Duration qualysConcurrencyBackoff() {
        return seconds("assetmanager.qualys.concurrencyBackoffSeconds", "10");
    }

    /** A duration in seconds, fractions allowed ("0.2"). */
    static Duration seconds(String property, String defaultValue) {
        String value = System.getProperty(property, defaultValue).strip();
        try {
            return Duration.ofMillis(new java.math.BigDecimal(value).movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("The deployment property " + property + " must be a number of seconds"
                    + " (fractions allowed), not \"" + value + "\"", e);
        }
    }

    public static String qualysHostListApiVersion() {
        return System.getProperty("assetmanager.qualys.hostListApiVersion", "2.0");
    }

    /**
     * How long an inventory change (an upload, a delete) waits for another change of the inventory or a sync run's
     * snapshot, on any instance, before it is refused with 409 (nothing written): default 60 s.
     */
    public static Duration inventoryLockWait() {
        return seconds("assetmanager.inventory.lockWaitSeconds", "60");
    }

    /** How often each instance checks whether a sync run is due. */
    public static Duration syncTick() {
        return Duration.ofSeconds(Long.getLong("assetmanager.sync.tickSeconds", 60));
    }

    /**
     * The unit of the polling interval: hours in production; tests and demos may set {@code MINUTES} or
     * {@code SECONDS} to see several intervals pass.
     */
    public static Duration intervalUnit() {
        return switch (System.getProperty("assetmanager.sync.intervalUnit", "HOURS").toUpperCase()) {
            case "SECONDS" -> Duration.ofSeconds(1);
            case "MINUTES" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
    }

    /** How long a run's lease lasts without a heartbeat before another instance may take over. */
    public static Duration syncLeaseTtl() {
        return Duration.ofSeconds(Long.getLong("assetmanager.sync.leaseSeconds", 300));
    }

    /** This instance's name in run records and the lease: stable across restarts so a restart can recognise its own run. */
    public static String instanceName() {
        String name = System.getProperty("assetmanager.instanceName");
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** The secret key file, used when ASSETMANAGER_SECRET_KEY is not set. */
    public static Path secretKeyFile() {
        String file = System.getProperty("assetmanager.keyFile");
        if (file != null && !file.isBlank()) {
            return Path.of(file);
        }
        String dataDir = System.getProperty("assetmanager.dataDir");
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "assetmanager.key");
        }
        return Path.of(System.getProperty("user.home"), ".assetmanager", "assetmanager.key");
    }
}
