package io.assetmanager.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The STARTTLS front of an SMTP server in the test JVM, since GreenMail's SMTP has no STARTTLS (greenmail issue
 * 135): it greets, offers only STARTTLS (no AUTH, nothing else is accepted before it), upgrades the connection with a
 * certificate for 127.0.0.1, and from then on relays the decrypted session to GreenMail's plain SMTP port, whose own
 * greeting it drops. The client's EHLO, AUTH and mail after the upgrade are GreenMail's to answer; the relay keeps
 * what the client sent through the tunnel and the TLS protocol each session negotiated.
 */
final class StartTlsRelay implements AutoCloseable {

    static final String STORE_PASSWORD = "changeit";

    private final ServerSocket server;
    private final SSLContext tls;
    private final int upstreamPort;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** What went through one upgraded connection. */
    static final class Session {
        final String protocol;
        private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();

        Session(String protocol) {
            this.protocol = protocol;
        }

        synchronized String clientText() {
            return fromClient.toString(StandardCharsets.US_ASCII);
        }

        synchronized void record(byte[] b, int n) {
            fromClient.write(b, 0, n);
        }
    }

    StartTlsRelay(Path keystore, int upstreamPort) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD.toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        this.upstreamPort = upstreamPort;
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "starttls-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A self-signed key for 127.0.0.1 made by the JDK's keytool, as the build makes the integration tests' one.
     */
    static Path makeKeystore(Path dir) throws IOException, InterruptedException {
        Path keystore = dir.resolve("smtp-test.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp-test", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool could not make " + keystore + ": " + output);
        }
        return keystore;
    }

    /** A client's TLS context that trusts the certificate in {@code keystore} and nothing else. */
    static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("smtp-test", store.getCertificate("smtp-test"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    int port() {
        return server.getLocalPort();
    }

    List<Session> sessions() {
        return new ArrayList<>(sessions);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "starttls-relay-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            write(out, "220 127.0.0.1 ESMTP relay\r\n");
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String verb = line.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> write(out, "250-127.0.0.1\r\n250 STARTTLS\r\n");
                    case "HELO" -> write(out, "250 127.0.0.1\r\n");
                    case "QUIT" -> {
                        write(out, "221 Bye\r\n");
                        return;
                    }
                    case "STARTTLS" -> {
                        write(out, "220 Ready to start TLS\r\n");
                        tunnel(client);
                        return;
                    }
                    default -> write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
                }
            }
        } catch (IOException e) {
            // The client went away: its own side reports what happened.
        }
    }

    private void tunnel(Socket client) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, "127.0.0.1", client.getPort(),
                true);
        secure.setUseClientMode(false);
        secure.startHandshake();
        open.add(secure);
        Session session = new Session(secure.getSession().getProtocol());
        sessions.add(session);
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        open.add(upstream);
        InputStream fromUpstream = upstream.getInputStream();
        // GreenMail's greeting: the client was greeted once, by the relay.
        readLine(fromUpstream);
        Thread down = new Thread(() -> pipe(fromUpstream, secure, null), "starttls-relay-down");
        down.setDaemon(true);
        down.start();
        pipe(secure.getInputStream(), upstream, session);
    }

    private static void pipe(InputStream from, Socket to, Session record) {
        byte[] buffer = new byte[8192];
        try {
            OutputStream out = to.getOutputStream();
            for (int n; (n = from.read(buffer)) > 0; ) {
                if (record != null) {
                    record.record(buffer, n);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (SocketException | UnsupportedOperationException closed) {
            // One side closed: the session is over.
        } catch (IOException e) {
            // Likewise.
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).strip();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }
}
