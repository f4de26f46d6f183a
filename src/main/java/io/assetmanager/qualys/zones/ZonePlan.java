package io.assetmanager.qualys.zones;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which zones a run pushes with Asset Mapping by Zone On, and which groups on record are orphans: free of I/O so the
 * rule can be checked on its own.
 *
 * <ul>
 *   <li>A zone that holds hosts and is mapped gets a group titled {@code <group title>_<zone>}
 *       ({@link #title}).</li>
 *   <li>A zone that holds hosts and is not mapped is pushed nothing: it is listed as unmapped.</li>
 *   <li>A group on record whose zone is no longer pushed (renamed, emptied or unmapped) is an orphan: reported, never
 *       deleted without an admin.</li>
 * </ul>
 *
 * @param pushed   the zones that get a group, each with its mapping and its group on record (null when none)
 * @param unmapped the zones that hold hosts but have no mapping, in name order
 * @param orphans  the groups on record of zones not pushed, in zone order
 */
public record ZonePlan(List<Target> pushed, List<String> unmapped, List<ZoneGroup> orphans) {

    /** A zone to push: its mapping and its group on record, null when none. */
    public record Target(String zone, ZoneMapping mapping, ZoneGroup recorded) {
    }

    /**
     * @param zones    the zones that hold indexed hosts
     * @param mappings each mapped zone's network and appliance, by zone
     * @param recorded the zone groups on record
     */
    public static ZonePlan of(Collection<String> zones, Map<String, ZoneMapping> mappings,
            Collection<ZoneGroup> recorded) {
        List<Target> pushed = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        Set<String> pushedZones = new TreeSet<>();
        for (String zone : new TreeSet<>(zones)) {
            ZoneMapping m = mappings.get(zone);
            if (m == null) {
                unmapped.add(zone);
            } else {
                pushedZones.add(zone);
                pushed.add(new Target(zone, m, recorded.stream().filter(g -> g.zone().equals(zone)).findFirst()
                        .orElse(null)));
            }
        }
        List<ZoneGroup> orphans = recorded.stream().filter(g -> !pushedZones.contains(g.zone()))
                .sorted(java.util.Comparator.comparing(ZoneGroup::zone)).toList();
        return new ZonePlan(List.copyOf(pushed), List.copyOf(unmapped), orphans);
    }

    /** The title of a zone's group: the DISCOVERED group's title, an underscore, the zone's name. */
    public static String title(String groupTitle, String zone) {
        return groupTitle + "_" + zone;
    }

    /**
     * What a run with the switch On does, in one sentence for the preview: the zones pushed and their networks, the
     * zones left unmapped (nothing is pushed for them) and the orphaned groups.
     */
    public String summary() {
        StringBuilder text = new StringBuilder("Asset Mapping by Zone is On: instead of the DISCOVERED group, ");
        if (pushed.isEmpty()) {
            text.append("no zone that holds hosts is mapped, so nothing would be pushed to any group");
        } else {
            text.append(pushed.size() == 1 ? "one group" : pushed.size() + " groups").append(" (");
            for (int i = 0; i < pushed.size(); i++) {
                Target t = pushed.get(i);
                text.append(i == 0 ? "" : ", ").append(t.zone()).append(" → network ").append(t.mapping().networkId());
            }
            text.append("), each with its zone's hosts only");
        }
        if (!unmapped.isEmpty()) {
            text.append(". Not mapped, nothing pushed: ").append(String.join(", ", unmapped));
        }
        if (!orphans.isEmpty()) {
            text.append(". Orphaned groups kept until an admin deletes them: ").append(orphans.size());
        }
        return text.append('.').toString();
    }

    /** The zones pushed, in name order. */
    public Set<String> pushedZones() {
        Set<String> out = new TreeSet<>();
        pushed.forEach(t -> out.add(t.zone()));
        return out;
    }
}
