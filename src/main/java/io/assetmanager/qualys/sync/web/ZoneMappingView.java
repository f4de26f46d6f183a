package io.assetmanager.qualys.sync.web;

import io.assetmanager.platform.Times;
import io.assetmanager.qualys.api.QualysNetwork;
import io.assetmanager.qualys.api.ScannerAppliance;
import io.assetmanager.qualys.zones.ZoneGroup;
import io.assetmanager.qualys.zones.ZoneMapping;
import io.assetmanager.qualys.zones.ZoneSettings;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings &gt; Integrations &gt; Qualys zones: the Asset Mapping by Zone switch, each zone's network and scanner
 * appliance chosen from the lists read from Qualys, and the orphaned zone groups with their Delete.
 */
@Named("zoneMapping")
@ViewScoped
public class ZoneMappingView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private ZoneMappingService service;

    private boolean enabled;
    private List<Row> rows;
    private ZoneMappingService.QualysLists lists;
    private String listsProblem;
    private String updatedLine;
    /** When the mapping shown was saved: a save checks nobody saved it since. */
    private java.time.OffsetDateTime loadedAt;
    private List<ZoneGroup> groups;

    /** One zone of the table: its name, and the network and appliance chosen ("" for none). */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String zone;
        private final boolean hasHosts;
        private String network;
        private String appliance;

        Row(String zone, boolean hasHosts, ZoneMapping m) {
            this.zone = zone;
            this.hasHosts = hasHosts;
            this.network = m == null ? "" : Long.toString(m.networkId());
            this.appliance = m == null || m.applianceId() == null ? "" : Long.toString(m.applianceId());
        }

        public String getZone() {
            return zone;
        }

        public boolean isHasHosts() {
            return hasHosts;
        }

        public String getNetwork() {
            return network;
        }

        public void setNetwork(String network) {
            this.network = network == null ? "" : network;
        }

        public String getAppliance() {
            return appliance;
        }

        public void setAppliance(String appliance) {
            this.appliance = appliance == null ? "" : appliance;
        }

        /** The mapping chosen, or null when the zone is left unmapped. */
        ZoneMapping mapping() {
            if (network.isEmpty()) {
                return null;
            }
            return new ZoneMapping(zone, Long.parseLong(network), appliance.isEmpty() ? null : Long.parseLong(appliance));
        }
    }

    /** A choice of a select: its value and its label. */
    public record Choice(String value, String label) implements Serializable {
    }

    @PostConstruct
    void init() {
        reload();
        lists = service.lastRead().orElse(null);
    }

    /** A zone's network changed: an appliance of another network no longer fits, so none is chosen. */
    public void networkChanged(Row row) {
        if (row.appliance.isEmpty()) {
            return;
        }
        boolean fits = lists != null && !row.network.isEmpty()
                && lists.appliancesOf(Long.parseLong(row.network)).stream()
                        .anyMatch(a -> Long.toString(a.id()).equals(row.appliance));
        if (!fits) {
            row.appliance = "";
        }
    }

    private void reload() {
        ZoneSettings stored = service.stored();
        enabled = stored.enabled();
        Set<String> withHosts = new HashSet<>(service.zonesWithHosts());
        // The zones that hold hosts, and the mapped ones that no longer do (their groups are orphans).
        Set<String> zones = new TreeSet<>(withHosts);
        zones.addAll(stored.mappings().keySet());
        rows = new ArrayList<>();
        for (String zone : zones) {
            rows.add(new Row(zone, withHosts.contains(zone), stored.mappings().get(zone)));
        }
        loadedAt = stored.updatedAt();
        updatedLine = stored.updatedAt() == null ? "Never saved."
                : "Last saved by " + stored.updatedBy() + " at " + Times.format(stored.updatedAt()) + ".";
        groups = service.groups();
    }

    /** Reads the networks and appliances from Qualys for the selects (two Qualys calls). */
    public void readLists() {
        try {
            lists = service.readLists();
            listsProblem = null;
            info("Read " + lists.networks().size() + " networks and " + lists.appliances().size()
                    + " scanner appliances from Qualys.");
        } catch (ZoneMappingService.ZoneMappingException e) {
            lists = null;
            listsProblem = e.getMessage();
            error(e.getMessage());
        }
    }

    public void save() {
        List<ZoneMapping> mappings = new ArrayList<>();
        for (Row r : rows) {
            ZoneMapping m = r.mapping();
            if (m != null) {
                mappings.add(m);
            }
        }
        try {
            List<String> changes = service.save(enabled, mappings, user(), loadedAt);
            reload();
            info(changes.isEmpty() ? "Nothing changed." : "Saved: " + String.join("; ", changes) + ". The next run"
                    + " applies it.");
        } catch (ZoneMappingService.ZoneMappingException e) {
            error(e.getMessage());
        }
    }

    public void deleteOrphan(ZoneGroup group) {
        try {
            info(service.deleteOrphan(group.zone(), group.qualysId(), user()));
        } catch (ZoneMappingService.ZoneMappingException e) {
            error(e.getMessage());
        }
        groups = service.groups();
    }

    public List<Choice> networkChoices(Row row) {
        List<Choice> out = new ArrayList<>();
        out.add(new Choice("", "Not mapped"));
        if (lists != null) {
            for (QualysNetwork n : lists.networks()) {
                out.add(new Choice(Long.toString(n.id()), (n.name().isEmpty() ? "Network" : n.name()) + " (" + n.id()
                        + ")"));
            }
        }
        if (!row.network.isEmpty() && out.stream().noneMatch(c -> c.value().equals(row.network))) {
            out.add(new Choice(row.network, "Network " + row.network + (lists == null ? "" : " (not listed by Qualys)")));
        }
        return out;
    }

    public List<Choice> applianceChoices(Row row) {
        List<Choice> out = new ArrayList<>();
        out.add(new Choice("", "None"));
        if (lists != null && !row.network.isEmpty()) {
            for (ScannerAppliance a : lists.appliancesOf(Long.parseLong(row.network))) {
                out.add(new Choice(Long.toString(a.id()), ZoneMappingService.label(a)
                        + (a.status() == null ? "" : ", " + a.status())));
            }
        }
        if (!row.appliance.isEmpty() && out.stream().noneMatch(c -> c.value().equals(row.appliance))) {
            out.add(new Choice(row.appliance, "Appliance " + row.appliance
                    + (lists == null ? "" : " (not of this network)")));
        }
        return out;
    }

    /** The flag of a row as it is chosen now; empty when all is well. */
    public String flag(Row row) {
        String hosts = row.hasHosts ? "" : "No hosts in this zone now: its group, if any, is an orphan. ";
        return hosts + ZoneMappingService.flag(row.zone, row.mapping(), lists).orElse("");
    }

    /** The title of the zone's group, as a run names it. */
    public String groupOf(Row row) {
        return groups.stream().filter(g -> g.zone().equals(row.zone) && !g.isOrphan()).findFirst()
                .map(g -> g.title() + " (" + g.qualysId() + ")").orElse("");
    }

    public List<ZoneGroup> getOrphans() {
        return groups.stream().filter(ZoneGroup::isOrphan).toList();
    }

    public String time(java.time.OffsetDateTime t) {
        return t == null ? "" : Times.format(t);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<Row> getRows() {
        return rows;
    }

    public boolean isListsRead() {
        return lists != null;
    }

    public String getListsLine() {
        if (lists != null) {
            return "Networks and appliances as Qualys listed them at " + Times.format(lists.readAt()) + ".";
        }
        return listsProblem != null ? listsProblem
                : "Read the networks and appliances from Qualys to choose them (two Qualys calls).";
    }

    public String getUpdatedLine() {
        return updatedLine;
    }

    private static String user() {
        return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
    }

    private static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
    }

    private static void error(String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
        // The page keeps its edits marked unsaved.
        faces.validationFailed();
    }
}
