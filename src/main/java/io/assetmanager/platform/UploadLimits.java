package io.assetmanager.platform;

/**
 * How big one upload may be. Defaults suit 1,000,000 hosts with details; a deployment can change them with the
 * system properties {@code assetmanager.inventory.maxUploadBytes} and {@code assetmanager.inventory.maxUploadHosts}
 * or the environment variables {@code ASSETMANAGER_INVENTORY_MAX_UPLOAD_BYTES} and
 * {@code ASSETMANAGER_INVENTORY_MAX_UPLOAD_HOSTS}.
 */
public record UploadLimits(long maxBytes, int maxHosts) {

    public static final long DEFAULT_MAX_BYTES = 128L * 1024 * 1024;
    public static final int DEFAULT_MAX_HOSTS = 2_000_000;

    public static UploadLimits fromEnvironment() {
        return new UploadLimits(
                setting("assetmanager.inventory.maxUploadBytes", "ASSETMANAGER_INVENTORY_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES),
                (int) setting("assetmanager.inventory.maxUploadHosts", "ASSETMANAGER_INVENTORY_MAX_UPLOAD_HOSTS",
                        DEFAULT_MAX_HOSTS));
    }

    private static long setting(String property, String variable, long fallback) {
        String value = System.getProperty(property, System.getenv(variable));
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed > 0 && parsed <= Integer.MAX_VALUE * 64L) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the setting's name.
        }
        throw new IllegalStateException(property + " / " + variable + " must be a positive whole number, not '"
                + value + "'");
    }
}
