package io.assetmanager.security;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of the server log when someone turns up the HTTP loggers. At FINE,
 * {@code sun.net.www.protocol.http.HttpURLConnection} (what the REST client uses underneath) logs every request's
 * headers, and the {@code Authorization} header of a Qualys call is the Qualys user and password in Base64; at FINEST,
 * Grizzly's {@code org.glassfish.grizzly.http.util.Parameters} logs every form body the server receives, the login
 * form's and the Qualys settings form's passwords included. A filter on those loggers replaces the credentials with
 * "(redacted)" and keeps the rest of the record.
 */
@Singleton
@Startup
public class CredentialRedaction {

    /**
     * The loggers that print HTTP request headers or bodies: the JDK's URL connection and HTTP client, the REST
     * client's logging feature, and the server's form parameter parser.
     */
    static final List<String> LOGGERS = List.of(
            "sun.net.www.protocol.http.HttpURLConnection",
            "jdk.httpclient.HttpClient",
            "org.glassfish.jersey.logging.LoggingFeature",
            "org.glassfish.grizzly.http.util.Parameters");

    /** The value of an Authorization or Proxy-Authorization header. */
    private static final Pattern CREDENTIAL_HEADER = Pattern.compile(
            "(?i)((?:proxy-)?authorization\\s*[:=]\\s*)[^}\\r\\n]+");
    /** The value of a form field whose name ends in "password" ({@code password=}, {@code settingsForm%3Apassword=}). */
    private static final Pattern PASSWORD_FIELD = Pattern.compile("(?i)([^&=\\s]*password=)[^&\\s]*");

    /** Held here: java.util.logging keeps loggers only weakly, and a collected logger would lose its filter. */
    private List<Logger> loggers = List.of();

    @PostConstruct
    void install() {
        loggers = LOGGERS.stream().map(Logger::getLogger).toList();
        loggers.forEach(logger -> logger.setFilter(new Redacting(logger.getFilter())));
    }

    @PreDestroy
    void uninstall() {
        for (Logger logger : loggers) {
            if (logger.getFilter() instanceof Redacting ours) {
                logger.setFilter(ours.previous);
            }
        }
    }

    /** The text with the values of Authorization headers and password form fields replaced. */
    static String redact(String text) {
        String headersDone = CREDENTIAL_HEADER.matcher(text).replaceAll("$1(redacted)");
        return PASSWORD_FIELD.matcher(headersDone).replaceAll("$1(redacted)");
    }

    static final class Redacting implements Filter {
        private final Filter previous;

        Redacting(Filter previous) {
            this.previous = previous;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            if (previous != null && !previous.isLoggable(record)) {
                return false;
            }
            String text = new SimpleFormatter().formatMessage(record);
            if (text != null) {
                record.setMessage(redact(text));
                record.setParameters(null);
                record.setResourceBundle(null);
            }
            return true;
        }
    }
}
