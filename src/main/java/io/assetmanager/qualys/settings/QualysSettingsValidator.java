package io.assetmanager.qualys.settings;

import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.QualysConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Checks every field of the settings form at once, so the page can show each problem next to its field, and turns
 * the form's text into values. Nothing is saved unless every field passes.
 */
public final class QualysSettingsValidator {

    public static final int MIN_INTERVAL_HOURS = 1;
    /** A week: a longer gap leaves the dashboard too stale to act on. */
    public static final int MAX_INTERVAL_HOURS = 168;
    /** The largest inventory we design for (DESIGN.md section 7) fits in one run. */
    public static final int MAX_ADD_PER_RUN = 1_000_000;
    /** At most 90 %: a run must be left some calls. */
    public static final int MAX_QUOTA_RESERVE_PERCENT = 90;
    /** Ten years: the longest scan cycle anyone could mean. */
    public static final int MAX_STALE_AFTER_DAYS = 3650;
    /** 0 holds only empty answers; 100 holds any answer smaller than the stored snapshot. */
    public static final int MAX_HOLD_BELOW_PERCENT = 100;
    public static final int MAX_TEXT = 255;
    /** Keeps the ciphertext of any password (up to 3 UTF-8 bytes per character) within its column. */
    public static final int MAX_PASSWORD = 200;
    /** Thousands of entries; a longer list is better written as wider ranges or CIDR blocks. */
    public static final int MAX_EXCLUSIONS = 65_536;

    private QualysSettingsValidator() {
    }

    /** One problem with one field; the message names the field and the value. */
    public record FieldError(SettingsField field, String message) {
    }

    /**
     * The password stored now, and the server and user it was saved for: it is sent to that server, for that user,
     * and to no other.
     */
    public record StoredPassword(String serverName, String username) {
        static StoredPassword of(QualysSettings s) {
            return s.getPasswordCiphertext() == null ? null : new StoredPassword(s.getServerName(), s.getUsername());
        }
    }

    /**
     * A form that passed.
     *
     * @param password the new password, or null to keep the stored one
     */
    public record Valid(SettingsValues values, char[] password) {
        @Override
        public String toString() {
            return "Valid[" + values + ", password=" + (password == null ? "kept" : "(new)") + "]";
        }
    }

    /** Thrown with every problem found; the caller saves nothing. */
    public static final class InvalidSettingsException extends Exception {
        private final List<FieldError> errors;

        public InvalidSettingsException(List<FieldError> errors) {
            super(errors.stream().map(e -> e.field().label() + ": " + e.message()).collect(Collectors.joining("; ")));
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /**
     * @param stored         the stored password's server and user, null when none is stored; an empty password
     *                       field keeps the stored password only while the server name and username stay the same
     * @param allowPlainHttp the deployment property that allows an {@code http://} server (simulator, demo)
     */
    public static Valid validate(QualysSettingsForm form, StoredPassword stored, boolean allowPlainHttp)
            throws InvalidSettingsException {
        List<FieldError> errors = new ArrayList<>();

        int interval = wholeNumber(form.getPollingInterval(), MIN_INTERVAL_HOURS, MAX_INTERVAL_HOURS,
                SettingsField.POLLING_INTERVAL, "hours", errors);

        String server = strip(form.getServerName());
        try {
            QualysConfig.parseServer(server, allowPlainHttp);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(SettingsField.SERVER_NAME, e.getMessage()));
        }

        String username = strip(form.getUsername());
        if (username == null) {
            errors.add(new FieldError(SettingsField.USERNAME, "Username is required (the Qualys API user)"));
        } else if (username.length() > MAX_TEXT) {
            errors.add(new FieldError(SettingsField.USERNAME, tooLong("Username", username)));
        }

        String typed = form.typedPassword();
        char[] password = typed == null || typed.isEmpty() ? null : typed.toCharArray();
        if (password == null && stored == null) {
            errors.add(new FieldError(SettingsField.PASSWORD, "Password is required: none is stored yet"));
        } else if (password == null && !(Objects.equals(server, strip(stored.serverName()))
                && Objects.equals(username, strip(stored.username())))) {
            errors.add(new FieldError(SettingsField.PASSWORD, "Type the password again: the stored password is sent"
                    + " only to the server and username it was saved for, and "
                    + (Objects.equals(server, strip(stored.serverName())) ? "Username" : "Server Name")
                    + " changed"));
        } else if (password != null && password.length > MAX_PASSWORD) {
            errors.add(new FieldError(SettingsField.PASSWORD,
                    "Password must be at most " + MAX_PASSWORD + " characters"));
        }

        String title = strip(form.getAssetGroupTitle());
        if (title == null) {
            errors.add(new FieldError(SettingsField.ASSET_GROUP_TITLE, "Asset group title is required, e.g. "
                    + QualysSettings.DEFAULT_GROUP_TITLE));
        } else if (title.length() > MAX_TEXT) {
            errors.add(new FieldError(SettingsField.ASSET_GROUP_TITLE, tooLong("Asset group title", title)));
        }

        String exclusions = exclusions(form.getExclusions(), errors);

        int cap = wholeNumber(form.getMaxAddPerRun(), 0, MAX_ADD_PER_RUN, SettingsField.MAX_ADD_PER_RUN,
                "IPs", errors);

        int reserve = wholeNumber(form.getQuotaReservePercent(), 0, MAX_QUOTA_RESERVE_PERCENT,
                SettingsField.QUOTA_RESERVE, "percent", errors);

        int staleAfter = wholeNumber(form.getStaleAfterDays(), 1, MAX_STALE_AFTER_DAYS,
                SettingsField.STALE_AFTER_DAYS, "days", errors);
        int holdBelow = wholeNumber(form.getHoldBelowPercent(), 0, MAX_HOLD_BELOW_PERCENT, SettingsField.HOLD_BELOW,
                "percent", errors);

        if (!errors.isEmpty()) {
            throw new InvalidSettingsException(errors);
        }
        return new Valid(new SettingsValues(form.isEnabled(), interval, server, username, form.getAutoSubscribe(),
                title, exclusions, cap, reserve, staleAfter, holdBelow, form.isStaleJoinDiscovered()), password);
    }

    /**
     * What a preview of the next run takes from the form: Auto-Subscribe, the exclusions, the cap, and whether stale
     * hosts (scanned, but not within "Stale after" days) join the DISCOVERED group.
     */
    public record PreviewValues(AutoSubscribe autoSubscribe, String exclusions, int maxAddPerRun, int staleAfterDays,
            boolean staleJoinDiscovered) {
    }

    /**
     * The fields a preview of the next run needs, from a form that may not be saved, checked as a save checks them.
     *
     * @throws InvalidSettingsException naming the exclusions line or the cap that is wrong
     */
    public static PreviewValues previewValues(QualysSettingsForm form) throws InvalidSettingsException {
        List<FieldError> errors = new ArrayList<>();
        String exclusions = exclusions(form.getExclusions(), errors);
        int cap = wholeNumber(form.getMaxAddPerRun(), 0, MAX_ADD_PER_RUN, SettingsField.MAX_ADD_PER_RUN, "IPs",
                errors);
        int staleAfter = wholeNumber(form.getStaleAfterDays(), 1, MAX_STALE_AFTER_DAYS,
                SettingsField.STALE_AFTER_DAYS, "days", errors);
        if (!errors.isEmpty()) {
            throw new InvalidSettingsException(errors);
        }
        return new PreviewValues(form.getAutoSubscribe(), exclusions, cap, staleAfter, form.isStaleJoinDiscovered());
    }

    private static int wholeNumber(String text, int min, int max, SettingsField field, String unit,
            List<FieldError> errors) {
        String s = strip(text);
        String expected = field.label() + " must be a whole number of " + unit + " from " + min + " to " + max;
        if (s == null) {
            errors.add(new FieldError(field, expected));
            return 0;
        }
        try {
            int n = Integer.parseInt(s);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value as typed.
        }
        errors.add(new FieldError(field, expected + ", not \"" + s + "\""));
        return 0;
    }

    /**
     * Checks the list line by line so that an error names the line; keeps the admin's lines (trimmed, blank ones
     * dropped). Null when empty.
     */
    private static String exclusions(String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_EXCLUSIONS) {
            errors.add(new FieldError(SettingsField.EXCLUSIONS, String.format(java.util.Locale.ROOT,
                    "Exclusions must be at most %,d characters (it has %,d): write wider ranges or CIDR blocks",
                    MAX_EXCLUSIONS, text.length())));
            return null;
        }
        List<String> kept = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                IpRangeSet.parseList(line);
                kept.add(line);
            } catch (IpParseException e) {
                errors.add(new FieldError(SettingsField.EXCLUSIONS, "Line " + (i + 1) + ": " + e.getMessage()));
                return null;
            }
        }
        return String.join("\n", kept);
    }

    private static String tooLong(String what, String value) {
        return what + " must be at most " + MAX_TEXT + " characters (it has " + value.length() + ")";
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
