package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;

/** Receives the hosts a parser reads, one call per valid host; absent details are {@code null}. */
@FunctionalInterface
public interface HostSink {

    void host(long line, IpAddress ip, String hostname, String mac, String zone);
}
