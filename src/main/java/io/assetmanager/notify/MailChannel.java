package io.assetmanager.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends the notification as a plain-text mail through an SMTP server with Jakarta Mail (the server's). With
 * {@link Security#STARTTLS} the connection must switch to TLS before the login (a server that does not offer it is
 * an error, never a fallback to plain text); the server's certificate is checked against the JVM's trust store and
 * its name. {@link Security#NONE} is only accepted where the deployment allows plain connections.
 */
public final class MailChannel implements Channel {

    public enum Security { STARTTLS, NONE }

    private final String host;
    private final int port;
    private final Security security;
    private final String username;
    private final char[] password;
    private final String from;
    private final List<String> to;
    /** Makes the TLS socket STARTTLS switches to; null for Jakarta Mail's default (the JVM's trust store). */
    private final SSLSocketFactory tls;

    public MailChannel(String host, int port, Security security, String username, char[] password, String from,
            List<String> to) {
        this(host, port, security, username, password, from, to, null);
    }

    /** @param tls trusts the server's certificate: a trust store of the deployment's, or null for the JVM's */
    MailChannel(String host, int port, Security security, String username, char[] password, String from,
            List<String> to, SSLSocketFactory tls) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.security = security;
        this.username = username;
        this.password = password == null ? null : password.clone();
        this.from = from;
        this.to = List.copyOf(to);
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.MAIL;
    }

    Properties properties() {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", String.valueOf(CONNECT_TIMEOUT_MILLIS));
        p.put("mail.smtp.timeout", String.valueOf(READ_TIMEOUT_MILLIS));
        p.put("mail.smtp.writetimeout", String.valueOf(READ_TIMEOUT_MILLIS));
        p.put("mail.smtp.auth", String.valueOf(username != null));
        if (security == Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.checkserveridentity", "true");
            if (tls != null) {
                p.put("mail.smtp.ssl.socketFactory", tls);
            }
        }
        return p;
    }

    @Override
    public void send(Notification n) throws ChannelException {
        Session session = Session.getInstance(properties());
        String where = "SMTP server " + host + ":" + port;
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            for (String address : to) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
            }
            message.setSubject("[Asset Manager] " + n.title(), "UTF-8");
            message.setSentDate(Date.from(n.raisedAt()));
            message.setText(text(n), "UTF-8");
            message.saveChanges();
            try (Transport transport = session.getTransport()) {
                if (username == null) {
                    transport.connect();
                } else {
                    transport.connect(host, port, username, new String(password));
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (jakarta.mail.AuthenticationFailedException e) {
            throw new ChannelException(where + " refused the login of " + username + ": " + oneLine(e), e);
        } catch (MessagingException e) {
            throw new ChannelException("Cannot send mail through " + where + ": " + oneLine(e), e);
        }
    }

    static String text(Notification n) {
        StringBuilder sb = new StringBuilder(n.message()).append("\n\n");
        n.counts().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        if (n.runId() != null) {
            sb.append("Sync run: ").append(n.runId()).append('\n');
        }
        if (n.link() != null) {
            sb.append("Open: ").append(n.link()).append('\n');
        }
        return sb.toString();
    }

    /** The message with its causes' messages, e.g. the STARTTLS refusal behind a "could not connect". */
    private static String oneLine(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (!sb.toString().contains(m)) {
                boolean first = sb.length() == 0;
                sb.append(first ? "" : " (").append(m.replace('\n', ' ')).append(first ? "" : ")");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }
}
