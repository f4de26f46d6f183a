package io.assetmanager.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.assetmanager.testing.ManualClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every channel against a real receiver on loopback: syslog over UDP and TCP, an HTTP server, an SMTP server. */
class ChannelsOnLoopbackTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T15:04:05Z"));
    private final Notification notification = CefTest.failed("Qualys said a=b\nand more");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private void assertCefOfTheNotification(String syslogMessage) {
        assertThat(syslogMessage).startsWith("<132>1 2026-12-06T15:04:05.000Z am1 assetmanager - run-failed - ");
        CefParser.Parsed cef = CefParser.parse(syslogMessage.substring(syslogMessage.indexOf("CEF:")));
        assertThat(cef.header()).containsExactly("0", "Asset Manager", "Asset Manager", "1.2", "run-failed",
                "Sync run failed", "7");
        assertThat(cef.extension()).containsEntry("msg", "Qualys said a=b\nand more").containsEntry("externalId", "42")
                .containsEntry("request", "https://am.example.com/sync-history.xhtml").containsEntry("cn2", "7");
    }

    @Test
    void syslogOverUdpIsOneDatagramPerMessage() throws Exception {
        try (DatagramSocket listener = new DatagramSocket(0, LOOPBACK)) {
            listener.setSoTimeout(10_000);
            new SyslogChannel("127.0.0.1", listener.getLocalPort(), SyslogChannel.Transport.UDP, "1.2", "am1", clock)
                    .send(notification);
            DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
            listener.receive(packet);
            assertCefOfTheNotification(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void syslogOverTcpIsOctetCounted() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, LOOPBACK)) {
            listener.setSoTimeout(10_000);
            BlockingQueue<String> received = new ArrayBlockingQueue<>(2);
            Thread reader = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    received.add(readOctetCounted(s.getInputStream()));
                } catch (IOException e) {
                    received.add("error: " + e);
                }
            });
            reader.start();
            new SyslogChannel("127.0.0.1", listener.getLocalPort(), SyslogChannel.Transport.TCP, "1.2", "am1", clock)
                    .send(notification);
            assertCefOfTheNotification(received.poll(10, TimeUnit.SECONDS));
            reader.join(10_000);
        }
    }

    /** RFC 6587 octet counting: digits, a space, that many bytes. */
    private static String readOctetCounted(InputStream in) throws IOException {
        StringBuilder length = new StringBuilder();
        for (int c = in.read(); c != ' '; c = in.read()) {
            if (c < '0' || c > '9') {
                throw new IOException("not a length digit: " + c);
            }
            length.append((char) c);
        }
        byte[] body = new byte[Integer.parseInt(length.toString())];
        new DataInputStream(in).readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void syslogOverTcpToAClosedPortNamesTheTarget() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> new SyslogChannel("127.0.0.1", closed, SyslogChannel.Transport.TCP, "1.2", "am1",
                clock).send(notification)).isInstanceOf(ChannelException.class)
                .hasMessageStartingWith("Cannot connect to syslog TCP 127.0.0.1:" + closed + ": ");
    }

    @Test
    void theWebhookPostsSignedJson() throws Exception {
        char[] secret = "a-shared-secret-of-some-length".toCharArray();
        BlockingQueue<String> verdicts = new ArrayBlockingQueue<>(2);
        BlockingQueue<JsonObject> bodies = new ArrayBlockingQueue<>(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean valid = WebhookSignature.verify(secret,
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER), body,
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER));
            verdicts.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " " + (valid ? "signed" : "NOT signed"));
            bodies.add(Json.createReader(new java.io.ByteArrayInputStream(body)).readObject());
            byte[] answer = (valid ? "ok" : "bad signature").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(valid ? 204 : 401, valid ? -1 : answer.length);
            if (!valid) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            new WebhookChannel(url, secret, clock).send(notification);
            assertThat(verdicts.poll(10, TimeUnit.SECONDS)).isEqualTo("POST application/json signed");
            JsonObject json = bodies.poll(10, TimeUnit.SECONDS);
            assertThat(json.getString("event")).isEqualTo("run-failed");
            assertThat(json.getString("message")).isEqualTo("Qualys said a=b\nand more");
            assertThat(json.getJsonNumber("runId").longValue()).isEqualTo(42L);
            assertThat(json.getJsonObject("counts").getInt("total")).isEqualTo(7);
            assertThat(json.getString("link")).isEqualTo("https://am.example.com/sync-history.xhtml");

            assertThatThrownBy(() -> new WebhookChannel(url, "another-secret-entirely".toCharArray(), clock)
                    .send(notification)).isInstanceOf(ChannelException.class)
                    .hasMessage(url + " answered HTTP 401: bad signature");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void mailGoesThroughSmtpWithTheLogin() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            smtp.setUser("alerts@example.com", "am-sender", "mail-Secret-1");
            int port = smtp.getSmtp().getPort();
            new MailChannel("127.0.0.1", port, MailChannel.Security.NONE, "am-sender", "mail-Secret-1".toCharArray(),
                    "assetmanager@example.com", List.of("soc@example.com", "ops@example.com")).send(notification);

            assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("[Asset Manager] Sync run failed");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("assetmanager@example.com");
            assertThat(GreenMailUtil.getBody(mail)).contains("Qualys said a=b", "total: 7", "Sync run: 42",
                    "Open: https://am.example.com/sync-history.xhtml");

            assertThatThrownBy(() -> new MailChannel("127.0.0.1", port, MailChannel.Security.NONE, "am-sender",
                    "wrong".toCharArray(), "assetmanager@example.com", List.of("soc@example.com")).send(notification))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageStartingWith("SMTP server 127.0.0.1:" + port + " refused the login of am-sender");
        } finally {
            smtp.stop();
        }
    }

    /**
     * A real STARTTLS session: the server offers only STARTTLS until the connection is upgraded (with a certificate
     * for 127.0.0.1 that the channel is given to trust), then the login and the mail go over TLS to GreenMail.
     */
    @Test
    void withStarttlsTheLoginAndTheMailGoOverTheUpgradedConnection(@TempDir Path dir) throws Exception {
        Path keystore = StartTlsRelay.makeKeystore(dir);
        SSLSocketFactory trusted = StartTlsRelay.trusting(keystore).getSocketFactory();
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (StartTlsRelay relay = new StartTlsRelay(keystore, smtp.getSmtp().getPort())) {
            smtp.setUser("alerts@example.com", "am-sender", "mail-Secret-1");
            new MailChannel("127.0.0.1", relay.port(), MailChannel.Security.STARTTLS, "am-sender",
                    "mail-Secret-1".toCharArray(), "assetmanager@example.com", List.of("soc@example.com"), trusted)
                    .send(notification);

            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("[Asset Manager] Sync run failed");
            assertThat(GreenMailUtil.getBody(mail)).contains("Qualys said a=b", "Sync run: 42");
            // Before the upgrade the relay offers no AUTH and refuses every command but EHLO, STARTTLS and QUIT:
            // the login went through the tunnel.
            assertThat(relay.sessions()).singleElement().satisfies(session -> {
                assertThat(session.protocol).startsWith("TLSv1.");
                assertThat(session.clientText()).contains("EHLO ", "AUTH ", "MAIL FROM:<assetmanager@example.com>",
                        "RCPT TO:<soc@example.com>");
            });

            assertThatThrownBy(() -> new MailChannel("127.0.0.1", relay.port(), MailChannel.Security.STARTTLS,
                    "am-sender", "wrong".toCharArray(), "assetmanager@example.com", List.of("soc@example.com"),
                    trusted).send(notification)).isInstanceOf(ChannelException.class)
                    .hasMessageStartingWith("SMTP server 127.0.0.1:" + relay.port() + " refused the login of am-sender");
            assertThat(relay.sessions()).hasSize(2);
        } finally {
            smtp.stop();
        }
    }

    /** A certificate the trust store does not hold ends the session before the login: nothing is sent. */
    @Test
    void starttlsToAnUntrustedCertificateSendsNothing(@TempDir Path dir) throws Exception {
        Path keystore = StartTlsRelay.makeKeystore(dir);
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (StartTlsRelay relay = new StartTlsRelay(keystore, smtp.getSmtp().getPort())) {
            smtp.setUser("alerts@example.com", "am-sender", "mail-Secret-1");
            assertThatThrownBy(() -> new MailChannel("127.0.0.1", relay.port(), MailChannel.Security.STARTTLS,
                    "am-sender", "mail-Secret-1".toCharArray(), "assetmanager@example.com",
                    List.of("soc@example.com")).send(notification)).isInstanceOf(ChannelException.class)
                    .hasMessageStartingWith("Cannot send mail through SMTP server 127.0.0.1:" + relay.port() + ": ")
                    .hasMessageContaining("certification path");
            assertThat(smtp.getReceivedMessages()).isEmpty();
        } finally {
            smtp.stop();
        }
    }

    @Test
    void starttlsIsRequiredNeverSkipped() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            smtp.setUser("alerts@example.com", "am-sender", "mail-Secret-1");
            int port = smtp.getSmtp().getPort();
            // This server offers no STARTTLS: the password must not go over the plain connection.
            assertThatThrownBy(() -> new MailChannel("127.0.0.1", port, MailChannel.Security.STARTTLS, "am-sender",
                    "mail-Secret-1".toCharArray(), "assetmanager@example.com", List.of("soc@example.com"))
                    .send(notification)).isInstanceOf(ChannelException.class)
                    .hasMessage("Cannot send mail through SMTP server 127.0.0.1:" + port
                            + ": STARTTLS is required but host does not support STARTTLS");
            assertThat(smtp.getReceivedMessages()).isEmpty();
        } finally {
            smtp.stop();
        }
    }
}
