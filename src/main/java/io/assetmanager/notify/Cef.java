package io.assetmanager.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A notification as an ArcSight CEF line, and that line in an RFC 5424 syslog message. Header fields escape
 * {@code \} and {@code |}; extension values escape {@code \}, {@code =} and line breaks (as {@code \n}, {@code \r}),
 * as the CEF specification says. TCP frames each message by octet counting (RFC 6587, "LEN SP MSG").
 */
public final class Cef {

    static final String VENDOR = "Asset Manager";
    static final String PRODUCT = "Asset Manager";
    static final String APP_NAME = "assetmanager";
    /** local0: the facility of applications without one of their own. */
    static final int FACILITY = 16;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);

    private Cef() {
    }

    /** {@code CEF:0|Asset Manager|Asset Manager|version|event key|title|severity|extensions}. */
    public static String line(Notification n, String version) {
        StringBuilder sb = new StringBuilder("CEF:0|").append(header(VENDOR)).append('|').append(header(PRODUCT))
                .append('|').append(header(version)).append('|').append(header(n.event().key())).append('|')
                .append(header(n.title())).append('|').append(n.event().severity()).append('|');
        sb.append("rt=").append(n.raisedAt().toEpochMilli());
        if (n.runId() != null) {
            sb.append(" externalId=").append(n.runId());
        }
        if (n.link() != null) {
            sb.append(" request=").append(extension(n.link()));
        }
        int i = 1;
        for (var count : n.counts().entrySet()) {
            if (i > 3) {
                break;
            }
            sb.append(" cn").append(i).append("Label=").append(extension(count.getKey()))
                    .append(" cn").append(i).append('=').append(count.getValue());
            i++;
        }
        sb.append(" msg=").append(extension(n.message()));
        return sb.toString();
    }

    static String header(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    static String extension(String value) {
        return value.replace("\\", "\\\\").replace("=", "\\=").replace("\r\n", "\\n").replace("\n", "\\n")
                .replace("\r", "\\r");
    }

    /**
     * {@code <PRI>1 TIMESTAMP HOSTNAME assetmanager - event-key - CEF:...}: RFC 5424 with no structured data; the
     * syslog severity is warning for CEF severity 6 and above, notice below.
     */
    public static String syslogMessage(Notification n, String version, String hostname, Instant at) {
        int severity = n.event().severity() >= 6 ? 4 : 5;
        return "<" + (FACILITY * 8 + severity) + ">1 " + TIMESTAMP.format(at) + " " + printable(hostname, 255) + " "
                + APP_NAME + " - " + printable(n.event().key(), 32) + " - " + line(n, version);
    }

    /** RFC 5424 header fields are printable US-ASCII without spaces, or "-". */
    private static String printable(String value, int max) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c > 32 && c < 127 && sb.length() < max) {
                sb.append(c);
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    /** Octet counting for TCP: the message's length in bytes, a space, the message. */
    public static byte[] octetCounted(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(body, 0, framed, prefix.length, body.length);
        return framed;
    }
}
