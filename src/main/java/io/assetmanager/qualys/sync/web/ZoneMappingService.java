package io.assetmanager.qualys.sync.web;

import io.assetmanager.inventory.InventoryRepository;
import io.assetmanager.qualys.api.QualysClient;
import io.assetmanager.qualys.api.QualysException;
import io.assetmanager.qualys.api.QualysNetwork;
import io.assetmanager.qualys.api.ScannerAppliance;
import io.assetmanager.qualys.settings.QualysConnections;
import io.assetmanager.qualys.settings.QualysSettingsRepository;
import io.assetmanager.qualys.sync.SyncLeaseRepository;
import io.assetmanager.qualys.sync.ZoneMappingChangedException;
import io.assetmanager.qualys.sync.ZoneRepository;
import io.assetmanager.qualys.zones.ZoneGroup;
import io.assetmanager.qualys.zones.ZoneMapping;
import io.assetmanager.qualys.zones.ZoneSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Asset Mapping by Zone for the settings page: the zones, the network and appliance lists read from Qualys, the
 * checked save, and the deletion of an orphaned group an admin asks for.
 */
@ApplicationScoped
public class ZoneMappingService {

    @Inject
    private ZoneRepository repository;
    @Inject
    private InventoryRepository inventory;
    @Inject
    private QualysSettingsRepository settings;
    @Inject
    private QualysConnections connections;
    @Inject
    private SyncLeaseRepository lease;

    /** The lists last read from Qualys by this server; null before the first read. */
    private volatile QualysLists lastRead;

    /** The networks and scanner appliances of the subscription, as Qualys listed them. */
    public record QualysLists(List<QualysNetwork> networks, List<ScannerAppliance> appliances, OffsetDateTime readAt) {

        public Optional<QualysNetwork> network(long id) {
            return networks.stream().filter(n -> n.id() == id).findFirst();
        }

        public Optional<ScannerAppliance> appliance(long id) {
            return appliances.stream().filter(a -> a.id() == id).findFirst();
        }

        /** The appliances that scan {@code networkId}: those of that network, or of none when Qualys says none. */
        public List<ScannerAppliance> appliancesOf(long networkId) {
            return appliances.stream().filter(a -> a.networkId() == null || a.networkId() == networkId).toList();
        }
    }

    /** A failure to read the lists or to save, worded for the page. */
    public static final class ZoneMappingException extends Exception {
        private static final long serialVersionUID = 1L;

        public ZoneMappingException(String message) {
            super(message);
        }
    }

    /** A refused mapping: the zone and why. */
    public record Problem(String zone, String message) {
    }

    /**
     * The lists as this server last read them (names of networks and appliances change rarely): the page shows names
     * with them instead of bare IDs without calling Qualys each time it opens. Empty before the first read.
     */
    public Optional<QualysLists> lastRead() {
        return Optional.ofNullable(lastRead);
    }

    public ZoneSettings stored() {
        return repository.settings();
    }

    public List<ZoneGroup> groups() {
        return repository.groups();
    }


    /** The zones that hold hosts now. */
    public List<String> zonesWithHosts() {
        return inventory.zoneNames();
    }

    /**
     * Reads the networks and the appliances from Qualys with the stored credentials (two calls).
     *
     * @throws ZoneMappingException naming what went wrong: not configured, Networks not enabled, Qualys's refusal
     */
    public QualysLists readLists() throws ZoneMappingException {
        try (QualysClient client = connections.openForCheck(settings.current())) {
            QualysLists read = new QualysLists(client.listNetworks(), client.listAppliances(),
                    OffsetDateTime.now(ZoneOffset.UTC));
            lastRead = read;
            return read;
        } catch (QualysException.NetworksNotEnabled e) {
            throw new ZoneMappingException("Qualys refused the network list: the Networks feature (Network Support)"
                    + " is not enabled for this subscription, so zones cannot be mapped to networks. " + e.getMessage());
        } catch (QualysException e) {
            throw new ZoneMappingException("Could not read the networks and appliances from Qualys: "
                    + e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ZoneMappingException(e.getMessage());
        }
    }

    /**
     * The problems that refuse a save: a network or appliance Qualys does not list, an appliance of another network,
     * or the switch On with no zone mapped. An unmapped zone or a mapping without appliance is allowed (flagged).
     */
    public static List<Problem> check(boolean enabled, List<ZoneMapping> mappings, QualysLists lists) {
        List<Problem> problems = new ArrayList<>(check(mappings, lists));
        switchProblem(enabled, mappings).ifPresent(problems::add);
        return problems;
    }

    /** The mappings Qualys's lists refuse: an unknown network or appliance, an appliance of another network. */
    private static List<Problem> check(List<ZoneMapping> mappings, QualysLists lists) {
        List<Problem> problems = new ArrayList<>();
        for (ZoneMapping m : mappings) {
            if (lists.network(m.networkId()).isEmpty()) {
                problems.add(new Problem(m.zone(), "Qualys lists no network " + m.networkId()));
                continue;
            }
            if (m.applianceId() != null) {
                Optional<ScannerAppliance> a = lists.appliance(m.applianceId());
                if (a.isEmpty()) {
                    problems.add(new Problem(m.zone(), "Qualys lists no scanner appliance " + m.applianceId()));
                } else if (a.get().networkId() != null && a.get().networkId() != m.networkId()) {
                    problems.add(new Problem(m.zone(), "scanner appliance " + label(a.get()) + " is in network "
                            + a.get().networkId() + ", not in network " + m.networkId()));
                }
            }
        }
        return problems;
    }

    /** Switching On with no zone mapped, which would push nothing to Qualys at all. */
    private static Optional<Problem> switchProblem(boolean enabled, List<ZoneMapping> mappings) {
        return enabled && mappings.isEmpty() ? Optional.of(new Problem(null, "Map at least one zone to a network"
                + " before switching Asset Mapping by Zone On: with none mapped, nothing would be pushed to Qualys at"
                + " all")) : Optional.empty();
    }

    /** The flags a saved mapping keeps: a zone unmapped, a network with no scanner appliance. */
    public static Optional<String> flag(String zone, ZoneMapping mapping, QualysLists lists) {
        if (mapping == null) {
            return Optional.of("Not mapped: nothing is pushed for this zone");
        }
        if (lists != null && lists.network(mapping.networkId()).isPresent()
                && lists.appliancesOf(mapping.networkId()).isEmpty()) {
            return Optional.of("Network " + mapping.networkId() + " has no scanner appliance: its group cannot be"
                    + " scanned until Qualys gets one");
        }
        if (mapping.applianceId() == null) {
            return Optional.of("No default scanner appliance chosen: scans of the group must name one");
        }
        Optional<ScannerAppliance> appliance = lists == null ? Optional.empty() : lists.appliance(mapping.applianceId());
        if (appliance.isPresent() && appliance.get().status() != null
                && !"Online".equalsIgnoreCase(appliance.get().status())) {
            return Optional.of("Scanner appliance " + label(appliance.get()) + " is " + appliance.get().status()
                    + " in Qualys: scans of the group wait for it");
        }
        return Optional.empty();
    }

    /**
     * A mapping as the audit trail records it: the network and the appliance by name and ID when Qualys listed them
     * ({@code lists}; null: not read), by ID alone otherwise (one removed from Qualys since, or never read).
     */
    public static String describe(ZoneMapping mapping, QualysLists lists) {
        if (lists == null) {
            return mapping.describe();
        }
        String network = lists.network(mapping.networkId())
                .filter(n -> n.name() != null && !n.name().isEmpty())
                .map(n -> "network " + n.name() + " (" + n.id() + ")").orElse("network " + mapping.networkId());
        String appliance = mapping.applianceId() == null ? "no appliance" : lists.appliance(mapping.applianceId())
                .map(a -> a.name().isEmpty() ? "appliance " + a.id() : "appliance " + label(a))
                .orElse("appliance " + mapping.applianceId());
        return network + ", " + appliance;
    }

    public static String label(ScannerAppliance a) {
        return (a.name().isEmpty() ? "appliance" : a.name()) + " (" + a.id() + ")";
    }

    /**
     * Reads the lists from Qualys again, checks the mapping against them and stores it.
     *
     * @param loadedAt when the mapping the page shows was saved (null: never)
     * @return the changes recorded in the audit trail; empty when nothing changed
     * @throws ZoneMappingException when the lists cannot be read or the mapping is refused (nothing stored)
     */
    public List<String> save(boolean enabled, List<ZoneMapping> mappings, String user, OffsetDateTime loadedAt)
            throws ZoneMappingException {
        ZoneSettings before = repository.settings();
        boolean sameMappings = new java.util.HashSet<>(mappings).equals(new java.util.HashSet<>(
                before.mappings().values()));
        // Mappings already checked at their save are not read again: switching Off (or On) works while Qualys is
        // away. New mappings are checked against what Qualys lists now.
        QualysLists lists = sameMappings || mappings.isEmpty() ? null : readLists();
        List<Problem> problems = new ArrayList<>(lists == null ? List.of() : check(mappings, lists));
        switchProblem(enabled, mappings).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            StringBuilder text = new StringBuilder("Nothing was saved: ");
            for (int i = 0; i < problems.size(); i++) {
                Problem p = problems.get(i);
                text.append(i == 0 ? "" : "; ").append(p.zone() == null ? "" : "zone " + p.zone() + ": ")
                        .append(p.message());
            }
            throw new ZoneMappingException(text.append('.').toString());
        }
        try {
            QualysLists names = lists != null ? lists : lastRead;
            return repository.save(enabled, mappings, user, OffsetDateTime.now(ZoneOffset.UTC), loadedAt,
                    mapping -> describe(mapping, names));
        } catch (ZoneMappingChangedException e) {
            throw new ZoneMappingException(e.getMessage());
        }
    }

    /**
     * Deletes an orphaned zone group in Qualys and forgets it. Holds the sync lease meanwhile, so that no run edits
     * Qualys's groups at the same time.
     *
     * @throws ZoneMappingException when a run is going on, the group is no longer an orphan, or Qualys refused
     */
    public String deleteOrphan(String zone, long qualysId, String user) throws ZoneMappingException {
        Optional<ZoneGroup> orphan = repository.groups().stream()
                .filter(g -> g.zone().equals(zone) && g.qualysId() == qualysId && g.isOrphan()).findFirst();
        if (orphan.isEmpty()) {
            throw new ZoneMappingException("Zone " + zone + " has no orphaned group " + qualysId
                    + " (a run may have taken it back into use); nothing was deleted.");
        }
        String holder = "orphan-delete-" + UUID.randomUUID().toString().substring(0, 8);
        if (lease.tryAcquire(holder, Duration.ofMinutes(2)).isEmpty()) {
            throw new ZoneMappingException("A sync run is going on; delete the group once it has ended. Nothing was"
                    + " deleted.");
        }
        try (QualysClient client = connections.openForCheck(settings.current())) {
            client.deleteAssetGroup(qualysId);
            repository.orphanDeleted(zone, qualysId, user, OffsetDateTime.now(ZoneOffset.UTC));
            return "Deleted group " + qualysId + " (\"" + orphan.get().title() + "\") in Qualys.";
        } catch (QualysException e) {
            throw new ZoneMappingException("Qualys did not delete group " + qualysId + ": " + e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ZoneMappingException(e.getMessage());
        } finally {
            lease.release(holder);
        }
    }

}
