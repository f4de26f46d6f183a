package io.assetmanager.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Sends CEF over syslog: one RFC 5424 message per UDP datagram, or octet-counted over a TCP connection opened for
 * the message. Over UDP nothing answers: "sent" means handed to the network.
 */
public final class SyslogChannel implements Channel {

    public enum Transport { UDP, TCP }

    private final String host;
    private final int port;
    private final Transport transport;
    private final String version;
    private final String hostname;
    private final Clock clock;

    public SyslogChannel(String host, int port, Transport transport, String version, String hostname, Clock clock) {
        this.host = host;
        this.port = port;
        this.transport = transport;
        this.version = version;
        this.hostname = hostname;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SYSLOG;
    }

    @Override
    public void send(Notification n) throws ChannelException {
        String message = Cef.syslogMessage(n, version, hostname, clock.instant());
        String where = "syslog " + transport + " " + host + ":" + port;
        try {
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new ChannelException("Cannot send to " + where + ": unknown host " + host);
            }
            if (transport == Transport.UDP) {
                byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.send(new DatagramPacket(bytes, bytes.length, address));
                }
            } else {
                try (Socket socket = new Socket()) {
                    socket.connect(address, CONNECT_TIMEOUT_MILLIS);
                    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                    OutputStream out = socket.getOutputStream();
                    out.write(Cef.octetCounted(message));
                    out.flush();
                }
            }
        } catch (ConnectException e) {
            throw new ChannelException("Cannot connect to " + where + ": " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw new ChannelException("No answer from " + where + " within "
                    + CONNECT_TIMEOUT_MILLIS / 1000 + " s", e);
        } catch (UnknownHostException e) {
            throw new ChannelException("Cannot send to " + where + ": unknown host " + host, e);
        } catch (IOException e) {
            throw new ChannelException("Cannot send to " + where + ": " + e, e);
        }
    }
}
