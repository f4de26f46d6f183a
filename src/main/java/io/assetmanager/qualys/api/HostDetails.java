package io.assetmanager.qualys.api;

/** The {@code details} parameter of the host list. */
public enum HostDetails {
    /** Host IDs only (Qualys answers with ID_SET). */
    NONE("None"),
    /** ID, IP, tracking method, DNS, NetBIOS, OS. */
    BASIC("Basic"),
    /** Basic plus last scan dates. */
    ALL("All");

    private final String parameter;

    HostDetails(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
