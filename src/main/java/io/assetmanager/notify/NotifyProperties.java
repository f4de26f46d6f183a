package io.assetmanager.notify;

import java.time.Duration;

/** The notifications' deployment properties (Java system properties, read on use). */
public final class NotifyProperties {

    /** Allows http:// webhooks and SMTP without STARTTLS: for test receivers only. */
    public static final String ALLOW_PLAIN = "assetmanager.notify.allowPlain";

    private NotifyProperties() {
    }

    public static boolean allowPlain() {
        return Boolean.getBoolean(ALLOW_PLAIN);
    }

    /** How often each instance sends what the outbox holds and judges finished runs it has not seen. */
    public static Duration tick() {
        return Duration.ofSeconds(Math.max(1, Long.getLong("assetmanager.notify.tickSeconds", 30)));
    }
}
