package io.assetmanager.qualys.api;

import java.util.Objects;

/**
 * A Qualys network (the Network Support feature): a scope of its own for IPs, asset groups and scanner appliances, so
 * that the same address can be two hosts in two networks. ID 0 is the Global Default Network every subscription with
 * the feature has; Qualys lists it with the others.
 *
 * @param name as Qualys lists it; empty when Qualys sent none
 */
public record QualysNetwork(long id, String name) {
    public QualysNetwork {
        Objects.requireNonNull(name);
    }
}
