package io.assetmanager.notify;

/** The three kinds of channel, each configured once on the Notifications page. */
public enum ChannelKind {
    SYSLOG("Syslog (CEF)"), WEBHOOK("Webhook"), MAIL("Mail");

    private final String label;

    ChannelKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
