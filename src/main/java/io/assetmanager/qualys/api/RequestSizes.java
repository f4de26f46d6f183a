package io.assetmanager.qualys.api;

import io.assetmanager.net.IpRangeSet;
import java.util.ArrayList;
import java.util.List;

/**
 * How large Asset Manager makes its Qualys requests: hosts per page of the host list, and bytes per write request's
 * body. Write requests are cut by the size of their form body, not by URL length: they are POSTs. Plain values, so
 * that a run's calls can be planned (and previewed) before anything is sent.
 *
 * @param hostPageSize Qualys's {@code truncation_limit}; 0 for one page
 * @param maxPostBytes the largest form body of one write request
 */
public record RequestSizes(int hostPageSize, int maxPostBytes) {

    /** The default host-list page: 10 pages at a million hosts, each a few minutes of transfer at most. */
    public static final int DEFAULT_HOST_PAGE_SIZE = 100_000;
    /**
     * The default largest POST body: just under 1 MiB, the smallest limit common in front of web applications
     * (nginx's default {@code client_max_body_size}); Qualys documents no limit of its own (docs/SYNC.md).
     */
    public static final int DEFAULT_MAX_POST_BYTES = 1_000_000;
    static final int MIN_POST_BYTES = 1024;
    /** Room left in a write request's body for its parameters other than {@code ips} (id, action, title...). */
    static final int OTHER_PARAMETERS_BYTES = 512;
    /** A comma between entries is sent form-encoded: {@code %2C}. */
    private static final int ENCODED_COMMA = 3;

    public RequestSizes {
        if (hostPageSize < 0 || hostPageSize > 1_000_000) {
            throw new IllegalArgumentException("truncation limit must be 0 (no paging) to 1000000, not " + hostPageSize);
        }
        if (maxPostBytes < MIN_POST_BYTES) {
            throw new IllegalArgumentException("the largest POST body must be at least " + MIN_POST_BYTES
                    + " bytes, not " + maxPostBytes);
        }
    }

    /** The pages of a host list of {@code hosts} hosts, one more in case it grew since it was counted. */
    public int hostPages(long hosts) {
        if (hostPageSize == 0) {
            return 1;
        }
        return Math.toIntExact(hosts / hostPageSize + 1);
    }

    /** The {@code ips} values of the write requests for {@code ips}, each within {@link #maxPostBytes()}. */
    public List<String> ipChunks(IpRangeSet ips) {
        return ips.toQualysChunks(maxPostBytes - OTHER_PARAMETERS_BYTES, ENCODED_COMMA);
    }

    /** How many write requests {@link #ipChunks} makes of {@code ips}. */
    public int ipChunkCount(IpRangeSet ips) {
        return ips.qualysChunkCount(maxPostBytes - OTHER_PARAMETERS_BYTES, ENCODED_COMMA);
    }

    /**
     * The edits that turn a group holding {@code holds} into one holding {@code wanted} (IPv4 only), in as few
     * requests as possible: by difference ({@code remove_ips}, then {@code add_ips}) or by replacement
     * ({@code set_ips} with the first chunk, {@code add_ips} with the rest), whichever takes fewer; none when the
     * group holds what is wanted.
     *
     * @param holds what the group holds, as Qualys listed it; null when unknown (always a replacement)
     */
    public GroupEdits planGroupEdits(IpRangeSet holds, IpRangeSet wanted) {
        List<GroupEdits.Edit> edits = new ArrayList<>();
        if (byDifference(holds, wanted)) {
            ipChunks(holds.difference(wanted)).forEach(chunk -> edits.add(new GroupEdits.Edit("remove_ips", chunk)));
            ipChunks(wanted.difference(holds)).forEach(chunk -> edits.add(new GroupEdits.Edit("add_ips", chunk)));
            return new GroupEdits(edits);
        }
        List<String> chunks = ipChunks(wanted);
        if (chunks.isEmpty()) {
            edits.add(new GroupEdits.Edit("set_ips", ""));
        }
        for (int i = 0; i < chunks.size(); i++) {
            edits.add(new GroupEdits.Edit(i == 0 ? "set_ips" : "add_ips", chunks.get(i)));
        }
        return new GroupEdits(edits);
    }

    /** The requests {@link #planGroupEdits} would make, counted without building them. */
    public int groupEditCalls(IpRangeSet holds, IpRangeSet wanted) {
        if (byDifference(holds, wanted)) {
            return ipChunkCount(holds.difference(wanted)) + ipChunkCount(wanted.difference(holds));
        }
        return replaceCalls(wanted);
    }

    private int replaceCalls(IpRangeSet wanted) {
        return Math.max(1, ipChunkCount(wanted));
    }

    private boolean byDifference(IpRangeSet holds, IpRangeSet wanted) {
        return holds != null && holds.ipv6().isEmpty() && ipChunkCount(holds.difference(wanted))
                + ipChunkCount(wanted.difference(holds)) <= replaceCalls(wanted);
    }
}
