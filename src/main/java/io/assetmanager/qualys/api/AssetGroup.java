package io.assetmanager.qualys.api;

import io.assetmanager.net.IpRangeSet;

import java.util.Objects;

/** A Qualys asset group: its ID, title and IP set (empty when it has none). */
public record AssetGroup(long id, String title, IpRangeSet ips) {
    public AssetGroup {
        Objects.requireNonNull(ips);
    }
}
