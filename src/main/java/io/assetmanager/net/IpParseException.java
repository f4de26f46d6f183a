package io.assetmanager.net;

/**
 * An address, range or CIDR text that cannot be read; the message quotes the text (its first {@value #QUOTED}
 * characters: a 60,000-character entry is not sent back whole) and says why.
 */
public class IpParseException extends IllegalArgumentException {

    static final int QUOTED = 60;

    private final String input;
    private final String reason;

    public IpParseException(String input, String reason) {
        super("'" + (input.length() > QUOTED ? input.substring(0, QUOTED) + "…" : input)
                + "' is not a valid IP address, range or CIDR: " + reason);
        this.input = input;
        this.reason = reason;
    }

    public String input() {
        return input;
    }

    public String reason() {
        return reason;
    }
}
