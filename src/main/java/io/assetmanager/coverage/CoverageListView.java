package io.assetmanager.coverage;

import io.assetmanager.inventory.HostFields;
import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.HeavyRequests;
import io.assetmanager.platform.Numbers;
import io.assetmanager.platform.Times;
import io.assetmanager.sets.Membership;
import io.assetmanager.sets.SetSpec;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIInput;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.primefaces.PrimeFaces;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The list behind a widget or a Venn region ({@code coverage.xhtml?set=...}): a lazy table read page by page from
 * the database, filtered by address range and text, in one zone when the URL names one ({@code &zone=...},
 * {@link ZoneFilter}), and the link that exports the whole filtered set.
 */
@Named("coverageList")
@ViewScoped
public class CoverageListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private CoverageService coverage;

    @Inject
    private HeavyRequests heavy;

    private String set;
    private String range;
    private String text;
    /** The zone of the URL, as given. */
    private String zone;
    /** The zone the list is read in, null for every zone (also while the URL's zone cannot be read). */
    private String appliedZone;
    /** The URL names a zone and the set is outside I, which has no zone: the list is empty and says why. */
    private boolean zoneNotApplicable;
    private CoverageSet coverageSet;
    /** The settings as the view opened. */
    private CoverageService.Settings settings;
    private SetSpec spec;
    private IpRange appliedRange;
    private String appliedText;
    /** What the IP column's filter box holds (an address, range or CIDR), null when empty. */
    private String ipColumnFilter;
    /** The addresses the filter bar's range and the IP column's filter leave; null for all. */
    private IpRange listRange;
    /** The two address filters leave no address, or the column's cannot be read: the list is empty. */
    private boolean noAddresses;
    /** Why the filter bar's range cannot be read; null when it can. The list and the export stay empty meanwhile. */
    private String invalidFilter;
    /** Why the URL's zone cannot be read; null when it can. */
    private String zoneProblem;
    /** Why the IP column's filter cannot be read, shown as the table's empty message; null when it can. */
    private String ipColumnProblem;
    private final HostModel hosts = new HostModel();
    /** The host table's queries; a text filter may scan a table. */
    private HeavyRequests.Table hostQueries;
    private final RangeModel ranges = new RangeModel();
    private boolean qualysColumns = true;

    @PostConstruct
    void init() {
        hostQueries = new HeavyRequests.Table(heavy,
                FacesContext.getCurrentInstance().getExternalContext().getRemoteUser());
    }

    /** Runs once the view parameters are set. */
    public void open() {
        // One read of the settings for the view: its set, title and description agree with each other.
        settings = coverage.settings();
        coverageSet = set == null ? null : CoverageSet.byKey(set).orElse(null);
        if (coverageSet == null) {
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    new ListParameters.UnknownSetException(String.valueOf(set)).getMessage(), null));
            return;
        }
        spec = coverageSet.spec(settings.autoSubscribe());
        readZone();
        qualysColumns = spec.scanned() == Membership.IN || (spec.scanned() == Membership.ANY
                && coverage.numbers(settings.autoSubscribe(), null)
                        .count(new SetSpec(spec.indexed(), spec.subscribed(), Membership.IN)).signum() > 0);
        apply();
    }

    /**
     * Reads the URL's zone, once: a value no zone can have (too long, control characters) says so and empties the
     * list, as an unreadable range does; a set outside I in a zone is not applicable.
     */
    private void readZone() {
        try {
            appliedZone = ListParameters.zone(zone);
        } catch (HostFields.InvalidFieldException e) {
            zoneProblem = "Zone: " + e.reason();
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    zoneProblem, null));
            appliedZone = null;
        }
        zoneNotApplicable = !ZoneFilter.applies(spec, appliedZone);
    }

    /**
     * The Filter button: applies the filter fields and, when they are valid, reloads the list at a URL that holds
     * them ({@code coverage.xhtml?set=...&range=...&text=...}), so that a filtered view can be bookmarked and shared.
     */
    public String filter() {
        return apply() ? "/coverage.xhtml?faces-redirect=true&includeViewParams=true" : null;
    }

    /**
     * Applies the filter fields. A range that cannot be read marks its field with what is wrong and empties the
     * list (rows of an earlier filter would pass for rows of this one) and the export until it is corrected.
     *
     * @return whether the filters could be read
     */
    public boolean apply() {
        FacesContext faces = FacesContext.getCurrentInstance();
        IpRange parsed = null;
        invalidFilter = null;
        if (range != null && !range.isBlank()) {
            try {
                parsed = IpRange.parse(range);
            } catch (IpParseException e) {
                invalidFilter = "IP range or CIDR: " + e.getMessage();
                faces.addMessage("listForm:range", new FacesMessage(FacesMessage.SEVERITY_ERROR, invalidFilter,
                        invalidFilter));
                if (faces.getViewRoot().findComponent("listForm:range") instanceof UIInput input) {
                    input.setValid(false);
                }
            }
        }
        appliedRange = parsed;
        appliedText = text == null || text.isBlank() ? null : text.strip();
        narrow();
        hosts.reset();
        for (String id : new String[] {"listForm:list", "listForm:rangeList"}) {
            if (faces.getViewRoot().findComponent(id) instanceof DataTable table) {
                table.setFirst(0);
            }
        }
        return invalidFilter == null;
    }

    /**
     * Takes the IP column's filter box into account when it changed: the list is read with the intersection of
     * that filter and the filter bar's range, the same {@code ip BETWEEN} condition on the address index (so it
     * pages as fast as an unfiltered list). Text that is no address, range or CIDR empties the list and says why.
     *
     * @return whether it changed
     */
    private boolean ipColumnFilter(Map<String, FilterMeta> filterBy) {
        FilterMeta meta = filterBy == null ? null : filterBy.get("ip");
        Object value = meta == null ? null : meta.getFilterValue();
        String column = value == null || value.toString().isBlank() ? null : value.toString().strip();
        if (Objects.equals(column, ipColumnFilter)) {
            return false;
        }
        ipColumnFilter = column;
        narrow();
        return true;
    }

    /**
     * The export button may be rendered before the table in an answer: it reads the IP column's filter from the
     * table itself rather than from the table's last count.
     */
    private void columnFilterAsShown() {
        if (FacesContext.getCurrentInstance().getViewRoot().findComponent("listForm:list") instanceof DataTable table
                && ipColumnFilter(table.getActiveFilterMeta())) {
            hosts.reset();
        }
    }

    /** Works out {@link #listRange} from the filter bar's range and the IP column's filter. */
    private void narrow() {
        listRange = appliedRange;
        noAddresses = invalidFilter != null || zoneProblem != null || zoneNotApplicable;
        ipColumnProblem = null;
        if (ipColumnFilter == null || noAddresses) {
            return;
        }
        IpRange column;
        try {
            column = IpRange.parse(ipColumnFilter);
        } catch (IpParseException e) {
            noAddresses = true;
            ipColumnProblem = "IP column filter: " + e.getMessage();
            return;
        }
        if (appliedRange == null) {
            listRange = column;
            return;
        }
        listRange = appliedRange.intersection(column).orElse(null);
        noAddresses = listRange == null;
    }

    public boolean isKnown() {
        return coverageSet != null;
    }

    public boolean isRangeList() {
        return spec != null && spec.rowKind() == SetSpec.RowKind.ADDRESS_RANGES;
    }

    public boolean isIndexed() {
        return spec != null && spec.rowKind() == SetSpec.RowKind.INDEXED_HOSTS;
    }

    /**
     * Whether the list shows Qualys's columns: not where they would be empty on every row, because the set excludes
     * scanned hosts, or because none of its hosts is scanned now (e.g. IPs Unmanaged by Qualys, outside the
     * subscription, where Qualys scans nothing).
     */
    public boolean isQualysColumns() {
        return qualysColumns;
    }

    /** Whether the rows carry a reason column (the "Not scanned" list). */
    public boolean isReason() {
        return spec != null && NotScannedReason.listed(spec);
    }

    /** What the list holds, in a plain sentence. */
    public String getDescription() {
        if (coverageSet == null) {
            return "";
        }
        String sentence = SetDescriptions.sentence(coverageSet, settings.autoSubscribe());
        return coverageSet == CoverageSet.DISCOVERED && settings.staleJoinDiscovered()
                ? sentence + " " + SetDescriptions.staleJoinNote(settings.staleAfterDays()) : sentence;
    }

    /** The list's set in set notation, for a tooltip. */
    public String getNotation() {
        return spec == null ? "" : SetDescriptions.notation(spec);
    }

    public String getTitle() {
        return coverageSet == null ? "Unknown list" : coverageSet.label(settings.staleAfterDays());
    }

    /**
     * The export of the list as shown: the filters applied (the filter bar's and the IP column's), not what is typed
     * and not applied yet; null while a filter is invalid or the filters leave no address (the button is disabled
     * then).
     */
    public String getExportUrl() {
        columnFilterAsShown();
        if (noAddresses) {
            return null;
        }
        String context = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
        return context + "/coverage/export?set=" + encode(set) + "&range="
                + encode(listRange == null ? null : listRange.toString()) + "&text="
                + encode(isRangeList() ? null : appliedText) + (appliedZone == null ? "" : "&zone=" + encode(appliedZone));
    }

    /** What the export button says it exports, e.g. "Export 128 IPs (CSV)". */
    public String getExportLabel() {
        columnFilterAsShown();
        if (invalidFilter != null || ipColumnProblem != null || zoneProblem != null) {
            return "Export (correct the filter first)";
        }
        if (zoneNotApplicable) {
            return "Export (not applicable to a zone)";
        }
        if (noAddresses) {
            return "Export 0 IPs (CSV)";
        }
        if (isRangeList()) {
            // Not counted here: the ranges are computed in memory, once per render, by the table.
            return "Export the ranges (CSV)";
        }
        HostTotal total = hosts.total();
        if (total == null) {
            return "Export IPs (CSV)";
        }
        return "Export " + total.text() + (total.value() == 1 && !total.capped() ? " IP (CSV)" : " IPs (CSV)");
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value.strip(), StandardCharsets.UTF_8);
    }

    public String time(OffsetDateTime value) {
        return Times.format(value);
    }

    public LazyDataModel<HostRow> getHostModel() {
        return hosts;
    }

    public LazyDataModel<RangeRow> getRangeModel() {
        return ranges;
    }

    private ListRequest request(int first, int pageSize, Map<String, SortMeta> sortBy) {
        SortField sort = SortField.IP;
        boolean descending = false;
        for (SortMeta meta : sortBy.values()) {
            if (meta.getOrder() != SortOrder.UNSORTED) {
                sort = SortField.byKey(meta.getField()).filter(f -> f.sortsList(isIndexed())).orElse(SortField.IP);
                descending = meta.getOrder() == SortOrder.DESCENDING;
                break;
            }
        }
        return new ListRequest(listRange, isRangeList() ? null : appliedText, sort, descending, first,
                Math.max(1, Math.min(pageSize, ListRequest.MAX_LIMIT)), appliedZone);
    }

    /**
     * The host table, read a page at a time so that it stays fast at a million hosts: the next or previous page
     * continues from the row at the edge of the page shown (keyset paging, one index walk at any depth); a jump
     * reads the key at its offset first (see {@link CoverageRepository#hostRows}); the total is asked once per
     * filter, and a filtered list is counted only up to {@link CoverageRepository#COUNT_CAP}.
     */
    private final class HostModel extends LazyDataModel<HostRow> {
        private static final long serialVersionUID = 1L;
        private HostTotal total;
        /** The page last loaded, to recognise "next" and "previous". */
        private ListRequest shown;
        private HostRow shownFirst;
        private HostRow shownLast;

        void reset() {
            total = null;
            shown = null;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            if (ipColumnFilter(filterBy)) {
                reset();
            }
            HostTotal counted = total();
            if (PrimeFaces.current().isAjaxRequest()) {
                PrimeFaces.current().ajax().addCallbackParam("listReport", getTotalText() + " IPs");
            }
            return counted == null ? 0 : Math.toIntExact(Math.min(counted.value(), Integer.MAX_VALUE));
        }

        /** The total with the filters applied, asked once per filter; null when the query was refused. */
        HostTotal total() {
            if (noAddresses) {
                total = new HostTotal(0, false);
            }
            if (total == null) {
                ListRequest request = request(0, 1, Map.of());
                total = hostQueries.run(scans(request), () -> coverage.queries().hostTotal(spec, request), null);
            }
            return total;
        }

        @Override
        public List<HostRow> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            if (ipColumnFilter(filterBy)) {
                reset();
            }
            ListRequest request = request(first, pageSize, sortBy);
            if (noAddresses || total != null && total.value() == 0) {
                return List.of();
            }
            PageSeek seek = null;
            if (shown != null && shownFirst != null && samePaging(request)) {
                if (first == shown.offset() + shown.limit()) {
                    seek = PageSeek.after(shownLast);
                } else if (first == shown.offset() - shown.limit()) {
                    seek = PageSeek.before(shownFirst);
                }
            }
            PageSeek from = seek;
            List<HostRow> rows = hostQueries.run(scans(request),
                    () -> coverage.queries().hostRows(spec, request, from, total), List.of());
            shown = request;
            shownFirst = rows.isEmpty() ? null : rows.get(0);
            shownLast = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            return rows;
        }

        private boolean samePaging(ListRequest request) {
            return request.sort() == shown.sort() && request.descending() == shown.descending()
                    && request.limit() == shown.limit();
        }

        @Override
        public String getRowKey(HostRow row) {
            return row.ip();
        }
    }

    /** The host table's total for its page report, e.g. "1,234" or "more than 10,000". */
    public String getTotalText() {
        return hosts.total == null ? "" : hosts.total.text();
    }

    /** The range table's total for its page report, grouped like every count ("1,405"). */
    public String getRangeTotalText() {
        return Numbers.grouped(ranges.rangeCount);
    }

    /** A count written for people ("1,200"). */
    public String grouped(Number n) {
        return n == null ? "" : Numbers.grouped(n);
    }

    /** What the host table says when it has no rows: none match, or the query was refused (see HostModel). */
    public String getEmptyMessage() {
        if (invalidFilter != null) {
            return "No rows: " + invalidFilter + ". Correct the filter above.";
        }
        if (ipColumnProblem != null) {
            return ipColumnProblem;
        }
        if (zoneProblem != null) {
            return "No rows: " + zoneProblem + ". Open the list from the dashboard's Zone select.";
        }
        if (zoneNotApplicable) {
            return ZoneFilter.NOT_APPLICABLE;
        }
        return hostQueries.emptyMessage(noAddresses ? "No IPs match both address filters." : "No IPs in this list.");
    }

    /** A text filter may read the whole Qualys table (which has no trigram index, see docs/DASHBOARD.md). */
    private static boolean scans(ListRequest request) {
        return request.text() != null;
    }

    private final class RangeModel extends LazyDataModel<RangeRow> {
        private static final long serialVersionUID = 1L;
        private int rangeCount;
        /** The ranges computed by count() for the load() of the same request. */
        private transient IpRangeSet computed;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            ipColumnFilter(filterBy);
            if (noAddresses) {
                computed = null;
                return 0;
            }
            computed = coverage.queries().addressRanges(spec, listRange);
            rangeCount = computed.rangeCount();
            return computed.rangeCount();
        }

        @Override
        public List<RangeRow> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            ipColumnFilter(filterBy);
            if (noAddresses) {
                return List.of();
            }
            IpRangeSet all = computed != null ? computed : coverage.queries().addressRanges(spec, listRange);
            computed = null;
            return CoverageRepository.page(all, request(first, pageSize, sortBy)).rows();
        }

        @Override
        public String getRowKey(RangeRow row) {
            return row.first();
        }
    }

    public String getSet() {
        return set;
    }

    public void setSet(String set) {
        this.set = set;
    }

    public String getRange() {
        return range;
    }

    public void setRange(String range) {
        this.range = range;
    }

    public String getText() {
        return text;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    /** The zone the list is read in, null for every zone. */
    public String getAppliedZone() {
        return appliedZone;
    }

    /** Whether the zone narrows this list (a set inside I); the other sets are Qualys's whole sets. */
    public boolean isZoneNarrows() {
        return spec != null && ZoneFilter.narrows(spec, appliedZone);
    }

    public boolean isZoneNotApplicable() {
        return zoneNotApplicable;
    }

    public String getNotApplicable() {
        return ZoneFilter.NOT_APPLICABLE;
    }

    /** The same list in every zone, with the filters applied. */
    public String getAllZonesUrl() {
        return "coverage.xhtml?set=" + encode(set) + (appliedRange == null ? "" : "&range=" + encode(range))
                + (appliedText == null ? "" : "&text=" + encode(appliedText));
    }

    /** The dashboard in the list's zone. */
    public String getDashboardUrl() {
        return "index.xhtml" + (appliedZone == null ? "" : "?zone=" + encode(appliedZone));
    }

    public void setText(String text) {
        this.text = text;
    }
}
