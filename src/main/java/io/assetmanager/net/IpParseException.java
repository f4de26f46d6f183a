package io.assetmanager.net;

/** An address, range or CIDR text that cannot be read; the message quotes the text and says why. */
public class IpParseException extends IllegalArgumentException {

    private final String input;
    private final String reason;

    public IpParseException(String input, String reason) {
        super("'" + input + "' is not a valid IP address, range or CIDR: " + reason);
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
