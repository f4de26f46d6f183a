package io.assetmanager.coverage;

import io.assetmanager.inventory.HostFields;
import io.assetmanager.inventory.InventoryRepository;
import io.assetmanager.platform.Numbers;
import io.assetmanager.platform.Times;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import io.assetmanager.qualys.sync.ApprovalService;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The dashboard (home page): the numbers of one consistent read, for every zone or for the one in the URL
 * ({@code index.xhtml?zone=...}, {@link ZoneFilter}), and the run history for the chart.
 */
@Named("dashboard")
@RequestScoped
public class DashboardView {

    private static final int HISTORY_RUNS = 30;

    @Inject
    private CoverageService coverage;
    @Inject
    private ApprovalService approvals;
    @Inject
    private InventoryRepository inventory;

    /** The zone shown, null for all zones. */
    private String zone;
    /** What is wrong with the URL's zone (all zones are shown then); null when nothing is. */
    private String zoneProblem;
    /** The Zone select's value, as posted by its Show button. */
    private String zoneChoice;
    private CoverageService.Settings settings;
    private CoverageNumbers numbers;
    private List<RunPoint> history;
    private List<String> zoneNames;

    @PostConstruct
    void readZone() {
        try {
            zone = ListParameters.zone(FacesContext.getCurrentInstance().getExternalContext()
                    .getRequestParameterMap().get("zone"));
        } catch (HostFields.InvalidFieldException e) {
            zoneProblem = "Zone: " + e.reason() + "; all zones are shown.";
        }
        zoneChoice = zone;
    }

    /** Read when the page renders first asks (not for the Show button's post, which only redirects). */
    private CoverageNumbers numbers() {
        if (numbers == null) {
            numbers = coverage.numbers(settings().autoSubscribe(), zone);
        }
        return numbers;
    }

    /** The settings the page shows, read once per request. */
    private CoverageService.Settings settings() {
        if (settings == null) {
            settings = coverage.settings();
        }
        return settings;
    }

    /** The Show button of the Zone select: the dashboard again at the URL of the chosen zone. */
    public String showZone() {
        String chosen = zoneChoice == null || zoneChoice.isBlank() ? null : zoneChoice.strip();
        return "/index.xhtml?faces-redirect=true" + (chosen == null ? "" : "&zone=" + encode(chosen));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The zones the Zone select offers: those holding hosts now, as on the inventory page, and the zone shown when
     * it holds none (a bookmark of a zone since emptied), so that the select says which zone the numbers are of.
     */
    public List<String> getZoneNames() {
        if (zoneNames == null) {
            List<String> present = inventory.zoneNames();
            zoneNames = zone == null || present.contains(zone) ? present
                    : Stream.concat(present.stream(), Stream.of(zone)).sorted().toList();
        }
        return zoneNames;
    }

    /** How the Zone select shows a zone: the default zone says that it holds the hosts without one. */
    public String zoneLabel(String name) {
        return HostFields.DEFAULT_ZONE.equals(name) ? name + " (hosts without a zone)" : name;
    }

    public String getZone() {
        return zone;
    }

    public boolean isZoneChosen() {
        return zone != null;
    }

    public String getZoneProblem() {
        return zoneProblem;
    }

    public String getZoneChoice() {
        return zoneChoice;
    }

    public void setZoneChoice(String zoneChoice) {
        this.zoneChoice = zoneChoice;
    }

    /** The list of a set, in the zone shown: {@code coverage.xhtml?set=...&zone=...}. */
    public String listUrl(String key) {
        return "coverage.xhtml?set=" + key + (zone == null ? "" : "&zone=" + encode(zone));
    }

    /** The Totals' indexed hosts: every zone's, as without a zone. */
    public String getIndexedInAllZones() {
        return Numbers.grouped(numbers().indexedInAllZones());
    }

    /** Why the sets outside I show no count in a zone. */
    public String getNotApplicable() {
        return ZoneFilter.NOT_APPLICABLE;
    }

    /** Whether the set has a count in the zone shown: those outside I have no zone. */
    public boolean applies(String key) {
        return numbers().applies(ListParameters.set(key));
    }

    public List<CoverageSet> getWidgets() {
        return List.of(CoverageSet.UNMANAGED_BY_QUALYS, CoverageSet.UNMANAGED_BY_ASSET_MANAGER,
                CoverageSet.MANAGED_BY_BOTH);
    }

    /** The set's size with thousands separators; "n/a" for a set that has no zone, in a zone. */
    public String count(String key) {
        return applies(key) ? Numbers.grouped(numbers().count(ListParameters.set(key))) : "n/a";
    }

    public String label(String key) {
        return ListParameters.set(key).label();
    }

    /** A plain sentence saying what the set counts, shown under its count. */
    public String sentence(String key) {
        return applies(key) ? SetDescriptions.sentence(ListParameters.set(key), numbers().autoSubscribe())
                : ZoneFilter.NOT_APPLICABLE;
    }

    /** The set in set notation, for a tooltip. */
    public String notation(String key) {
        return SetDescriptions.notation(ListParameters.set(key).spec(numbers().autoSubscribe()));
    }

    public String getCoverage() {
        return percent(numbers().coverage());
    }

    private static String percent(Double share) {
        return share == null ? "–" : String.format(Locale.ENGLISH, "%.1f %%", share * 100);
    }

    /** Indexed IPs with a scan in the last N days: the coverage's numerator. */
    public String getFreshCount() {
        return Numbers.grouped(numbers().count(CoverageSet.MANAGED_BY_BOTH).subtract(numbers().count(CoverageSet.STALE)));
    }

    public int getStaleAfterDays() {
        return numbers().staleAfterDays();
    }

    public String getStaleLabel() {
        return CoverageSet.STALE.label(numbers().staleAfterDays());
    }

    public String getStaleShare() {
        return percent(numbers().staleShare());
    }

    public String getSubscribedRanges() {
        return Numbers.grouped(numbers().subscribedRanges());
    }

    /** Whether IPs wait for an admin's approval before they are added to the subscription (a link to the list). */
    public boolean isApprovalsPending() {
        return approvals.anyPending();
    }

    public boolean isAutoSubscribe() {
        return numbers().autoSubscribe();
    }

    /**
     * Whether stale hosts join the DISCOVERED group. The DISCOVERED count is the Auto-Subscribe rule's: the dashboard's
     * counts split I ∩ M by the scans' age, not I ∩ S ∩ M, so the stale hosts that join (the subscribed ones) are
     * counted by the settings page's preview.
     */
    public boolean isStaleJoinDiscovered() {
        return settings().staleJoinDiscovered();
    }

    public QualysStatus getQualys() {
        return numbers().qualys();
    }

    public String getQualysDataAsOf() {
        return Times.format(numbers().qualys().dataAsOf());
    }

    public String getFailedRunEndedAt() {
        return numbers().qualys().lastRunFailed() ? Times.format(numbers().qualys().failedRun().endedAt()) : "";
    }

    public String getRunningStartedAt() {
        QualysStatus.RunningRun running = numbers().qualys().running();
        return running == null ? "" : Times.format(running.startedAt());
    }

    /** What the DISCOVERED group in Qualys holds: what the last push set it to; a dash before any push. */
    public String getDiscoveredGroup() {
        QualysStatus.PushedGroup group = numbers().qualys().group();
        return group == null ? "–" : Numbers.grouped(group.addresses());
    }

    public String getDiscoveredGroupNote() {
        QualysStatus.PushedGroup group = numbers().qualys().group();
        return group == null ? "No run has set the group in Qualys yet."
                : "IPs the group in Qualys holds, as a run set it at " + Times.format(group.pushedAt()) + ".";
    }

    public boolean isHistoryEmpty() {
        return history().isEmpty();
    }

    public String getHistoryChart() {
        return HistoryChart.svg(history());
    }

    private List<RunPoint> history() {
        if (history == null) {
            history = coverage.history(HISTORY_RUNS);
        }
        return history;
    }

    /** The banner "Sync stopped: Qualys rejected the credentials", with a link to the settings. */
    public boolean isSyncStoppedByCredentials() {
        return settings().syncStoppedByCredentials();
    }
}
