package io.assetmanager.notify;

/** A configured destination. Sending blocks for at most the channel's time-outs. */
public interface Channel {

    ChannelKind kind();

    /** @throws ChannelException saying exactly what failed (connection, answer, refusal) */
    void send(Notification notification) throws ChannelException;

    /** The time-outs every channel uses: a receiver that does not answer never holds the sender long. */
    int CONNECT_TIMEOUT_MILLIS = 10_000;
    int READ_TIMEOUT_MILLIS = 30_000;
}
