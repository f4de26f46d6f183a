package io.assetmanager.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks every field of the Notifications form at once (each problem named next to its field) and turns its text
 * into values. A channel's fields are required only while it is on; what is typed is checked either way. Nothing
 * is saved unless every field passes.
 */
public final class NotificationSettingsValidator {

    public static final int MAX_TEXT = 255;
    public static final int MAX_URL = 2000;
    public static final int MAX_SECRET = 200;
    /** HMAC-SHA256 wants a key of at least 32 bytes to be as strong as the hash; 16 characters is the floor here. */
    public static final int MIN_WEBHOOK_SECRET = 16;
    public static final int MAX_RECIPIENTS = 20;
    public static final int MAX_REPEAT_HOURS = 168;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]+");

    private NotificationSettingsValidator() {
    }

    public record FieldError(NotificationField field, String message) {
    }

    /** Thrown with every problem found; the caller saves nothing. */
    public static final class InvalidNotificationSettingsException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<FieldError> errors;

        public InvalidNotificationSettingsException(List<FieldError> errors) {
            super(errors.stream().map(e -> e.field().label() + ": " + e.message()).collect(Collectors.joining("; ")));
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /**
     * What is stored now: the values, and whether each secret is (a stored secret is kept when its field is left
     * empty, as long as its target did not change).
     */
    public record Stored(NotificationSettingsValues values, boolean webhookSecret, boolean mailPassword) {
    }

    /** A form that passed; a secret is null when the stored one is kept (or none is needed). */
    public record Valid(NotificationSettingsValues values, char[] webhookSecret, char[] mailPassword) {
        @Override
        public String toString() {
            return "Valid[" + values + "]";
        }
    }

    /** @param allowPlain the deployment allows http:// webhooks and SMTP without STARTTLS */
    public static Valid validate(NotificationSettingsForm form, Stored stored, boolean allowPlain)
            throws InvalidNotificationSettingsException {
        List<FieldError> errors = new ArrayList<>();
        boolean anyOn = form.isSyslogEnabled() || form.isWebhookEnabled() || form.isMailEnabled();

        String baseUrl = url(form.getBaseUrl(), NotificationField.BASE_URL, true, anyOn,
                "the address people open Asset Manager at, e.g. https://assetmanager.example.com", errors);
        if (baseUrl != null) {
            baseUrl = baseUrl.replaceAll("/+$", "");
        }
        Integer below = number(form.getCoverageBelow(), 0, 100, NotificationField.COVERAGE_BELOW, "percent", false,
                errors);
        Integer drop = number(form.getCoverageDrop(), 1, 100, NotificationField.COVERAGE_DROP, "points", false, errors);
        Integer repeat = number(form.getRepeatHours(), 1, MAX_REPEAT_HOURS, NotificationField.REPEAT_HOURS, "hours",
                true, errors);

        boolean syslogOn = form.isSyslogEnabled();
        String syslogHost = host(form.getSyslogHost(), NotificationField.SYSLOG_HOST, syslogOn, errors);
        Integer syslogPort = number(form.getSyslogPort(), 1, 65_535, NotificationField.SYSLOG_PORT, "", syslogOn,
                errors);
        SyslogChannel.Transport transport = choice(SyslogChannel.Transport.class, form.getSyslogTransport(),
                SyslogChannel.Transport.UDP, NotificationField.SYSLOG_TRANSPORT, errors);

        boolean webhookOn = form.isWebhookEnabled();
        String webhookUrl = url(form.getWebhookUrl(), NotificationField.WEBHOOK_URL, allowPlain, webhookOn,
                "the receiver's https:// address", errors);
        char[] webhookSecret = null;
        String typedSecret = form.typedWebhookSecret();
        if (typedSecret != null && !typedSecret.isEmpty()) {
            if (typedSecret.length() < MIN_WEBHOOK_SECRET || typedSecret.length() > MAX_SECRET) {
                errors.add(new FieldError(NotificationField.WEBHOOK_SECRET, "Webhook shared secret must be "
                        + MIN_WEBHOOK_SECRET + " to " + MAX_SECRET + " characters (it has " + typedSecret.length()
                        + ")"));
            } else {
                webhookSecret = typedSecret.toCharArray();
            }
        } else if (webhookOn && !stored.webhookSecret()) {
            errors.add(new FieldError(NotificationField.WEBHOOK_SECRET,
                    "Webhook shared secret is required: none is stored yet"));
        } else if (webhookOn && !java.util.Objects.equals(webhookUrl, stored.values().webhookUrl())) {
            errors.add(new FieldError(NotificationField.WEBHOOK_SECRET, "Type the shared secret again: the stored"
                    + " one is sent only to the URL it was saved for, and Webhook URL changed"));
        }

        boolean mailOn = form.isMailEnabled();
        String mailHost = host(form.getMailHost(), NotificationField.MAIL_HOST, mailOn, errors);
        Integer mailPort = number(form.getMailPort(), 1, 65_535, NotificationField.MAIL_PORT, "", mailOn, errors);
        MailChannel.Security security = choice(MailChannel.Security.class, form.getMailSecurity(),
                MailChannel.Security.STARTTLS, NotificationField.MAIL_SECURITY, errors);
        if (security == MailChannel.Security.NONE && !allowPlain) {
            errors.add(new FieldError(NotificationField.MAIL_SECURITY, "SMTP security must be STARTTLS: plain SMTP"
                    + " would send the password and the notifications in clear (the deployment does not allow it)"));
        }
        String mailUser = text(form.getMailUsername(), NotificationField.MAIL_USERNAME, errors);
        char[] mailPassword = null;
        String typedPassword = form.typedMailPassword();
        if (typedPassword != null && !typedPassword.isEmpty()) {
            if (typedPassword.length() > MAX_SECRET) {
                errors.add(new FieldError(NotificationField.MAIL_PASSWORD,
                        "SMTP password must be at most " + MAX_SECRET + " characters"));
            } else {
                mailPassword = typedPassword.toCharArray();
            }
        } else if (mailOn && mailUser != null && !stored.mailPassword()) {
            errors.add(new FieldError(NotificationField.MAIL_PASSWORD,
                    "SMTP password is required with an SMTP username: none is stored yet"));
        } else if (mailOn && mailUser != null && !(java.util.Objects.equals(mailHost, stored.values().mailHost())
                && java.util.Objects.equals(mailUser, stored.values().mailUsername()))) {
            errors.add(new FieldError(NotificationField.MAIL_PASSWORD, "Type the SMTP password again: the stored"
                    + " one is sent only to the server and username it was saved for, and "
                    + (java.util.Objects.equals(mailHost, stored.values().mailHost()) ? "SMTP username"
                            : "SMTP server") + " changed"));
        }
        String from = address(form.getMailFrom(), NotificationField.MAIL_FROM, mailOn, errors);
        String to = recipients(form.getMailTo(), mailOn, errors);

        if (!errors.isEmpty()) {
            throw new InvalidNotificationSettingsException(errors);
        }
        return new Valid(new NotificationSettingsValues(baseUrl, below, drop, repeat, syslogOn, syslogHost,
                syslogPort, transport, webhookOn, webhookUrl, mailOn, mailHost, mailPort, security, mailUser, from,
                to), webhookSecret, mailPassword);
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String text(String value, NotificationField field, List<FieldError> errors) {
        String s = strip(value);
        if (s != null && s.length() > MAX_TEXT) {
            errors.add(new FieldError(field, field.label() + " must be at most " + MAX_TEXT + " characters (it has "
                    + s.length() + ")"));
            return null;
        }
        return s;
    }

    private static Integer number(String text, int min, int max, NotificationField field, String unit,
            boolean required, List<FieldError> errors) {
        String s = strip(text);
        String expected = field.label() + " must be a whole number" + (unit.isEmpty() ? "" : " of " + unit)
                + " from " + min + " to " + max;
        if (s == null) {
            if (required) {
                errors.add(new FieldError(field, expected));
            }
            return null;
        }
        try {
            int n = Integer.parseInt(s);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value as typed.
        }
        errors.add(new FieldError(field, expected + ", not \"" + (s.length() > 20 ? s.substring(0, 20) + "…" : s)
                + "\""));
        return null;
    }

    private static String host(String value, NotificationField field, boolean required, List<FieldError> errors) {
        String s = text(value, field, errors);
        if (s == null) {
            if (required && strip(value) == null) {
                errors.add(new FieldError(field, field.label() + " is required while the channel is on"));
            }
            return null;
        }
        if (!HOST.matcher(s).matches()) {
            errors.add(new FieldError(field, field.label() + " must be a host name or an IP address, not \""
                    + s + "\""));
            return null;
        }
        return s;
    }

    private static String url(String value, NotificationField field, boolean allowHttp, boolean required,
            String what, List<FieldError> errors) {
        String s = strip(value);
        if (s == null) {
            if (required) {
                errors.add(new FieldError(field, field.label() + " is required: " + what));
            }
            return null;
        }
        if (s.length() > MAX_URL) {
            errors.add(new FieldError(field, field.label() + " must be at most " + MAX_URL + " characters"));
            return null;
        }
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                errors.add(new FieldError(field, field.label() + " must be an https:// URL with a host, not \"" + s
                        + "\""));
                return null;
            }
            if (scheme.equals("http") && !allowHttp) {
                errors.add(new FieldError(field, field.label() + " must be an https:// URL: plain http is only"
                        + " allowed where the deployment property " + NotifyProperties.ALLOW_PLAIN + " is true"));
                return null;
            }
            return s;
        } catch (URISyntaxException e) {
            errors.add(new FieldError(field, field.label() + " is not a valid URL: " + e.getMessage()));
            return null;
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, E fallback, NotificationField field,
            List<FieldError> errors) {
        String s = strip(value);
        if (s == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, field.label() + " must be one of " + java.util.Arrays.toString(
                    type.getEnumConstants()) + ", not \"" + s + "\""));
            return fallback;
        }
    }

    private static String address(String value, NotificationField field, boolean required, List<FieldError> errors) {
        String s = text(value, field, errors);
        if (s == null) {
            if (required && strip(value) == null) {
                errors.add(new FieldError(field, field.label() + " is required while mail is on"));
            }
            return null;
        }
        try {
            new InternetAddress(s, true);
            return s;
        } catch (AddressException e) {
            errors.add(new FieldError(field, field.label() + " is not a mail address: \"" + s + "\""));
            return null;
        }
    }

    private static String recipients(String value, boolean required, List<FieldError> errors) {
        String s = strip(value);
        NotificationField field = NotificationField.MAIL_TO;
        if (s == null) {
            if (required) {
                errors.add(new FieldError(field, "Mail to is required while mail is on: one or more addresses"));
            }
            return null;
        }
        if (s.length() > MAX_URL) {
            errors.add(new FieldError(field, "Mail to must be at most " + MAX_URL + " characters"));
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String part : s.split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                new InternetAddress(part, true);
                kept.add(part);
            } catch (AddressException e) {
                errors.add(new FieldError(field, "Mail to: \"" + part + "\" is not a mail address"));
                return null;
            }
        }
        if (kept.size() > MAX_RECIPIENTS) {
            errors.add(new FieldError(field, "Mail to may hold at most " + MAX_RECIPIENTS + " addresses (it has "
                    + kept.size() + ")"));
            return null;
        }
        return kept.isEmpty() ? null : String.join(", ", kept);
    }
}
