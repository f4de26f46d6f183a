package io.assetmanager.demo;

import io.assetmanager.net.IpAddress;

/**
 * The demo's sample inventory: a CSV of hosts spread over named blocks, some inside the subscription of the
 * simulator's realistic scenario (so some are scanned, some not) and some outside it (hosts Qualys does not know),
 * the same every time.
 */
public final class DemoInventory {

    public static final int MAX_HOSTS = 5_000;

    /**
     * A block of addresses: where it starts, every how many addresses a host sits, its share of twenty hosts. At
     * {@link #MAX_HOSTS} each block still holds its share: 2,250 x 5 in a /18, 750 in a /22, 500 in a /23, ...
     */
    private record Block(String start, int stride, int share, String zone, String prefix) {
    }

    private static final Block[] BLOCKS = {
        // Inside the simulator's subscription (10.64.0.0/18, 10.10.0.0/22, 172.16.4.0/23).
        new Block("10.64.0.1", 5, 9, "datacenter", "srv"),
        new Block("10.10.0.0", 1, 3, "office", "ws"),
        new Block("172.16.4.0", 1, 2, "lab", "lab"),
        // Outside it.
        new Block("10.30.0.0", 2, 5, "branch", "br"),
        new Block("192.168.30.1", 1, 1, "dmz", "dmz"),
    };

    private DemoInventory() {
    }

    /** {@code count} hosts (1 to {@value #MAX_HOSTS}) as CSV with the columns ip, hostname, zone. */
    public static String csv(int count) {
        if (count < 1 || count > MAX_HOSTS) {
            throw new IllegalArgumentException("the demo inventory holds 1 to " + MAX_HOSTS + " hosts, not " + count);
        }
        StringBuilder out = new StringBuilder(count * 40).append("ip,hostname,zone\n");
        int[] used = new int[BLOCKS.length];
        for (int i = 0; i < count; i++) {
            int slot = i % 20;
            int b = 0;
            while (slot >= BLOCKS[b].share()) {
                slot -= BLOCKS[b].share();
                b++;
            }
            Block block = BLOCKS[b];
            int n = used[b]++;
            IpAddress address = IpAddress.ofIpv4(IpAddress.parse(block.start()).ipv4Value() + (long) n * block.stride());
            out.append(address).append(',')
                    .append(String.format("%s-%04d.%s.example.com", block.prefix(), n + 1, block.zone())).append(',')
                    .append(block.zone()).append('\n');
        }
        return out.toString();
    }
}
