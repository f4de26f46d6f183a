package io.assetmanager.qualys.api;

import io.assetmanager.net.IpRangeSet;
import java.util.List;

/**
 * The asset group edits, in order, that bring a group to what is wanted ({@link QualysClient#planGroupEdits}); one
 * request each.
 */
public record GroupEdits(List<Edit> edits) {

    public GroupEdits {
        edits = List.copyOf(edits);
    }

    /**
     * One {@code action=edit} request.
     *
     * @param parameter {@code set_ips}, {@code add_ips} or {@code remove_ips}
     * @param ips       its value
     * @param after     what the group holds once this edit and those before it applied
     */
    public record Edit(String parameter, String ips, IpRangeSet after) {
    }

    /** Requests the edits take. */
    public int calls() {
        return edits.size();
    }

    /** Whether they start with {@code set_ips}: the group was unknown, or a replacement was cheaper. */
    public boolean replaces() {
        return !edits.isEmpty() && edits.get(0).parameter().equals("set_ips");
    }
}
