package io.assetmanager.qualys.api;

/** The Qualys APIs Asset Manager calls; Qualys counts its rate limit per API. */
public enum QualysApi {
    /** {@code /api/2.0/fo/asset/ip/}: the subscription's IPs. */
    SUBSCRIPTION,
    /** {@code /api/.../fo/asset/host/}: the scanned hosts. */
    HOST_LIST,
    /** {@code /api/2.0/fo/asset/group/}: asset groups. */
    ASSET_GROUP,
    /** {@code /api/2.0/fo/network/}: networks (the Network Support feature). */
    NETWORK,
    /** {@code /api/2.0/fo/appliance/}: scanner appliances. */
    APPLIANCE
}
