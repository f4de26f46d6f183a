package io.assetmanager.qualys.api;

/** The Qualys APIs a sync run calls; Qualys counts its rate limit per API. */
public enum QualysApi {
    /** {@code /api/2.0/fo/asset/ip/}: the subscription's IPs. */
    SUBSCRIPTION,
    /** {@code /api/.../fo/asset/host/}: the scanned hosts. */
    HOST_LIST,
    /** {@code /api/2.0/fo/asset/group/}: asset groups. */
    ASSET_GROUP
}
