package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import java.io.Serializable;

/**
 * Where a page in address order starts: after the host {@code ip} in {@code zone}, a host being an address in a
 * zone (migration V26); a null zone is after every host of the address.
 */
public record HostKey(IpAddress ip, String zone) implements Serializable {

    /** The key of a row shown. */
    public static HostKey of(HostRow row) {
        return new HostKey(IpAddress.parse(row.getIp()), row.getZone());
    }
}
