package io.assetmanager.qualys.api;

import io.assetmanager.net.IpRangeSet;
import java.util.List;

/**
 * The asset group edits, in order, that bring a group to what is wanted ({@link RequestSizes#planGroupEdits}); one
 * request each. An edit keeps only its parameter and value: what the group holds after it is worked out from what it
 * held before, when needed, so that a plan at a million hosts costs its request bodies and no more.
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
     */
    public record Edit(String parameter, String ips) {

        /** What a group that held {@code before} holds once this edit applied. */
        public IpRangeSet applyTo(IpRangeSet before) {
            IpRangeSet value = ips.isEmpty() ? IpRangeSet.empty() : IpRangeSet.parseList(ips);
            return switch (parameter) {
                case "set_ips" -> value;
                case "add_ips" -> before.union(value);
                case "remove_ips" -> before.difference(value);
                default -> throw new IllegalStateException("not an IP edit: " + parameter);
            };
        }
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
