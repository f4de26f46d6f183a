package io.assetmanager.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One notification for one channel, waiting, sent, or given up after {@link Backoff#MAX_ATTEMPTS}. */
@Entity
@Table(name = "notification_outbox")
public class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChannelKind channel;
    @Column(nullable = false)
    private String event;
    @Column(nullable = false)
    private String message;
    private String counts;
    private String link;
    @Column(name = "run_id")
    private Long runId;
    @Column(name = "raised_at", nullable = false)
    private OffsetDateTime raisedAt;
    private int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    private OffsetDateTime nextAttemptAt;
    @Column(name = "claimed_by")
    private String claimedBy;
    @Column(name = "claimed_until")
    private OffsetDateTime claimedUntil;
    @Column(name = "sent_at")
    private OffsetDateTime sentAt;
    @Column(name = "given_up")
    private boolean givenUp;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "last_attempt_at")
    private OffsetDateTime lastAttemptAt;

    protected OutboxMessage() {
    }

    public OutboxMessage(ChannelKind channel, Notification n) {
        this.channel = channel;
        this.event = n.event().key();
        this.message = n.message();
        this.counts = n.countsText();
        this.link = n.link();
        this.runId = n.runId();
        this.raisedAt = n.raisedAt().atOffset(ZoneOffset.UTC);
        this.nextAttemptAt = raisedAt;
    }

    public Notification notification() {
        return new Notification(NotificationEvent.ofKey(event), message, Notification.parseCounts(counts), link, runId,
                raisedAt.toInstant());
    }

    void delivered(OffsetDateTime at) {
        attempts++;
        lastAttemptAt = at;
        sentAt = at;
        claimedBy = null;
        claimedUntil = null;
    }

    void failed(String error, OffsetDateTime at) {
        attempts++;
        lastAttemptAt = at;
        lastError = error;
        claimedBy = null;
        claimedUntil = null;
        if (Backoff.givesUp(attempts)) {
            givenUp = true;
        } else {
            nextAttemptAt = at.plus(Backoff.after(attempts));
        }
    }

    void dropped(String reason, OffsetDateTime at) {
        lastAttemptAt = at;
        lastError = reason;
        givenUp = true;
        claimedBy = null;
        claimedUntil = null;
    }

    public Long getId() {
        return id;
    }

    public ChannelKind getChannel() {
        return channel;
    }

    public String getEvent() {
        return event;
    }

    public String getMessage() {
        return message;
    }

    public Long getRunId() {
        return runId;
    }

    public OffsetDateTime getRaisedAt() {
        return raisedAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public OffsetDateTime getNextAttemptAt() {
        return nextAttemptAt;
    }

    public OffsetDateTime getSentAt() {
        return sentAt;
    }

    public boolean isGivenUp() {
        return givenUp;
    }

    public String getLastError() {
        return lastError;
    }

    public OffsetDateTime getLastAttemptAt() {
        return lastAttemptAt;
    }

    /** Sent, given up, or waiting (with its attempts so far), as the page shows it. */
    public String getState() {
        if (sentAt != null) {
            return "sent";
        }
        if (givenUp) {
            return "given up";
        }
        return attempts == 0 ? "waiting" : "retrying (" + attempts + " failed)";
    }
}
