package io.assetmanager.coverage;

import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.HeavyRequests;
import io.assetmanager.platform.Times;
import io.assetmanager.sets.SetSpec;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
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
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The list behind a widget or a Venn region ({@code coverage.xhtml?set=...}): a lazy table read page by page from
 * the database, filtered by address range and text, and the link that exports the whole filtered set.
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
    private CoverageSet coverageSet;
    private SetSpec spec;
    private IpRange appliedRange;
    private String appliedText;
    private final HostModel hosts = new HostModel();
    /** The host table's queries; a text filter or a sort by another column than the address scans the table. */
    private HeavyRequests.Table hostQueries;
    private final RangeModel ranges = new RangeModel();

    @PostConstruct
    void init() {
        hostQueries = new HeavyRequests.Table(heavy,
                FacesContext.getCurrentInstance().getExternalContext().getRemoteUser());
    }

    /** Runs once the view parameters are set. */
    public void open() {
        coverageSet = set == null ? null : CoverageSet.byKey(set).orElse(null);
        if (coverageSet == null) {
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    new ListParameters.UnknownSetException(String.valueOf(set)).getMessage(), null));
            return;
        }
        spec = coverageSet.spec(coverage.autoSubscribe());
        apply();
    }

    /** Applies the filter fields; a range that cannot be read is reported on its field and changes nothing. */
    public void apply() {
        IpRange parsed = null;
        if (range != null && !range.isBlank()) {
            try {
                parsed = IpRange.parse(range);
            } catch (IpParseException e) {
                FacesContext.getCurrentInstance().addMessage("listForm:range", new FacesMessage(
                        FacesMessage.SEVERITY_ERROR, "IP range or CIDR: " + e.getMessage(), null));
                return;
            }
        }
        appliedRange = parsed;
        appliedText = text == null || text.isBlank() ? null : text.strip();
        for (String id : new String[] {"listForm:list", "listForm:rangeList"}) {
            if (FacesContext.getCurrentInstance().getViewRoot().findComponent(id) instanceof DataTable table) {
                table.setFirst(0);
            }
        }
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

    public String getTitle() {
        return coverageSet == null ? "Unknown list" : coverageSet.label();
    }

    public String getExportUrl() {
        String context = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
        return context + "/coverage/export?set=" + encode(set) + "&range=" + encode(range) + "&text="
                + encode(isRangeList() ? null : text);
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
                sort = SortField.byKey(meta.getField()).orElse(SortField.IP);
                descending = meta.getOrder() == SortOrder.DESCENDING;
                break;
            }
        }
        return new ListRequest(appliedRange, isRangeList() ? null : appliedText, sort, descending, first,
                Math.max(1, Math.min(pageSize, ListRequest.MAX_LIMIT)));
    }

    private final class HostModel extends LazyDataModel<HostRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            ListRequest request = request(0, 1, Map.of());
            return hostQueries.run(scans(request), () -> Math.toIntExact(coverage.queries().hostCount(spec, request)),
                    0);
        }

        @Override
        public List<HostRow> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            ListRequest request = request(first, pageSize, sortBy);
            return hostQueries.run(scans(request), () -> coverage.queries().hostRows(spec, request), List.of());
        }

        @Override
        public String getRowKey(HostRow row) {
            return row.ip();
        }
    }

    /** What the host table says when it has no rows: none match, or the query was refused (see HostModel). */
    public String getEmptyMessage() {
        return hostQueries.emptyMessage("No IPs in this list.");
    }

    private static boolean scans(ListRequest request) {
        return request.text() != null || request.sort() != SortField.IP;
    }

    private final class RangeModel extends LazyDataModel<RangeRow> {
        private static final long serialVersionUID = 1L;
        /** The ranges computed by count() for the load() of the same request. */
        private transient IpRangeSet computed;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            computed = coverage.queries().addressRanges(spec, appliedRange);
            return computed.rangeCount();
        }

        @Override
        public List<RangeRow> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            IpRangeSet all = computed != null ? computed : coverage.queries().addressRanges(spec, appliedRange);
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

    public void setText(String text) {
        this.text = text;
    }
}
