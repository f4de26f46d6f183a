package io.assetmanager.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** When an event was last sent and what it said (its fingerprint), for the repeat rule. */
@Entity
@Table(name = "notification_memory")
public class NotificationMemory {

    @Id
    private String event;
    @Column(nullable = false)
    private String fingerprint;
    @Column(name = "sent_at", nullable = false)
    private OffsetDateTime sentAt;

    protected NotificationMemory() {
    }

    NotificationMemory(String event, String fingerprint, OffsetDateTime sentAt) {
        this.event = event;
        set(fingerprint, sentAt);
    }

    void set(String fingerprint, OffsetDateTime sentAt) {
        this.fingerprint = fingerprint.length() > 2000 ? fingerprint.substring(0, 2000) : fingerprint;
        this.sentAt = sentAt;
    }

    String getEvent() {
        return event;
    }

    String getFingerprint() {
        return fingerprint;
    }

    OffsetDateTime getSentAt() {
        return sentAt;
    }
}
