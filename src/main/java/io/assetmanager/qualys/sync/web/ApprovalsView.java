package io.assetmanager.qualys.sync.web;

import io.assetmanager.inventory.HostRow;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.Numbers;
import io.assetmanager.platform.Times;
import io.assetmanager.qualys.sync.ApprovalRepository;
import io.assetmanager.qualys.sync.ApprovalService;
import io.assetmanager.security.Role;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The Approvals page: the IPs that Auto-Subscribe On after approval holds back, with their inventory details, the
 * licence effect, and an admin's decisions (approve all, the selected hosts, or ranges; reject the same way).
 */
@Named("approvals")
@ViewScoped
public class ApprovalsView implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Ranges shown on the page before "and N more". */
    private static final int RANGES_SHOWN = 20;

    @Inject
    private ApprovalService service;

    private ApprovalService.Overview overview;
    private List<ApprovalRepository.Decision> decisions;
    private String range;
    private IpRange filterRange;
    private String ranges;
    private List<HostRow> selected = new ArrayList<>();
    private String result;
    private final HostModel hosts = new HostModel();

    @PostConstruct
    void init() {
        refresh();
    }

    private void refresh() {
        overview = service.overview();
        decisions = service.decisions();
        hosts.total = null;
        selected = new ArrayList<>();
    }

    /** Applies the range filter; a bad range gets its message beside the field. */
    public void filter() {
        try {
            filterRange = range == null || range.isBlank() ? null : IpRange.parse(range);
            hosts.total = null;
        } catch (IpParseException e) {
            error("approvalsForm:range", "IP range or CIDR: " + e.getMessage());
        }
    }

    public void approveAll() {
        decide(() -> service.approveAll(user()), "Approved");
    }

    public void approveSelected() {
        if (noneSelected()) {
            return;
        }
        decide(() -> service.approve("Selected hosts", selectedIps(), user()), "Approved");
    }

    public void rejectSelected() {
        if (noneSelected()) {
            return;
        }
        decide(() -> service.reject("Selected hosts", selectedIps(), user()), "Rejected");
    }

    private boolean noneSelected() {
        if (selected == null || selected.isEmpty()) {
            result = null;
            error(null, "No host is selected: tick the hosts in the table first, or type ranges below.");
            return true;
        }
        return false;
    }

    public void approveRanges() {
        decide(() -> service.approve("Ranges", ranges, user()), "Approved");
    }

    public void rejectRanges() {
        decide(() -> service.reject("Ranges", ranges, user()), "Rejected");
    }

    private interface Decision {
        IpRangeSet take() throws ApprovalService.DecisionRefused;
    }

    private void decide(Decision decision, String verb) {
        result = null;
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!faces.getExternalContext().isUserInRole(Role.ADMIN)) {
            error(null, "Only an admin can approve or reject IPs.");
            return;
        }
        try {
            IpRangeSet moved = decision.take();
            result = verb + " " + Numbers.counted(moved.size(), "IP", "IPs") + ": " + shown(moved)
                    + ("Rejected".equals(verb) ? ". They were added to the exclusions." : ". The next run adds them"
                    + " to the subscription (or Run now on the Qualys settings page).");
            ranges = null;
            refresh();
        } catch (ApprovalService.DecisionRefused e) {
            error(e.field() != null && e.field().equals("Ranges") ? "approvalsForm:ranges" : null, e.getMessage());
        }
    }

    private String selectedIps() {
        return selected == null ? null : selected.stream().map(HostRow::getIp).collect(Collectors.joining(", "));
    }

    private static String user() {
        return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
    }

    private static void error(String clientId, String message) {
        FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message));
    }

    public String getPendingText() {
        BigInteger size = overview.pending().size();
        return Numbers.counted(size, "IP", "IPs") + " in " + Numbers.counted(overview.pending().rangeCount(), "range",
                "ranges") + (BigInteger.ONE.equals(size) ? " waits" : " wait") + " for approval.";
    }

    /** What "Approve all pending" asks first: it takes every pending IP, not only the ones the filter shows. */
    public String getApproveAllQuestion() {
        return "Approve all " + Numbers.counted(overview.pending().size(), "pending IP", "pending IPs")
                + (filterRange == null ? "" : ", not only those in " + filterRange) + "? Each costs a Qualys licence"
                + " and cannot be removed through the Qualys API.";
    }

    /** A stored range list as people read it: a space after each comma, so that it wraps between ranges. */
    public String spaced(String ranges) {
        return ranges == null ? null : ranges.replace(",", ", ");
    }

    public boolean isAnyPending() {
        return !overview.pending().isEmpty();
    }

    public String getPendingRanges() {
        return shown(overview.pending());
    }

    public String getApprovedText() {
        BigInteger size = overview.approved().size();
        return size.signum() == 0 ? null : Numbers.counted(size, "approved IP is", "approved IPs are")
                + " added by the next run: " + shown(overview.approved()) + ".";
    }

    public String getLicenceEffect() {
        return overview.licenceEffect();
    }

    /** Why the list does not fill, when Auto-Subscribe is not On after approval; null when it is. */
    public String getModeNote() {
        return overview.mode().needsApproval() ? null : "Auto-Subscribe is " + overview.mode().label()
                + ": runs do not put IPs on this list. Choose \"On, after approval\" in Settings > Integrations >"
                + " Qualys to decide on each IP before it is added.";
    }

    public List<ApprovalRepository.Decision> getDecisions() {
        return decisions;
    }

    public String grouped(Number n) {
        return Numbers.grouped(n);
    }

    public String time(OffsetDateTime t) {
        return t == null ? "" : Times.format(t);
    }

    private static String shown(IpRangeSet set) {
        String list = set.ranges().stream().limit(RANGES_SHOWN).map(IpRange::toString)
                .collect(Collectors.joining(", "));
        return set.rangeCount() > RANGES_SHOWN ? list + " … and " + (set.rangeCount() - RANGES_SHOWN)
                + " more ranges" : list;
    }

    public LazyDataModel<HostRow> getHosts() {
        return hosts;
    }

    public String getHostCountText() {
        return Numbers.counted(hosts.total(), "indexed host", "indexed hosts");
    }

    public String getResult() {
        return result;
    }

    public String getRange() {
        return range;
    }

    public void setRange(String range) {
        this.range = range;
    }

    public String getRanges() {
        return ranges;
    }

    public void setRanges(String ranges) {
        this.ranges = ranges;
    }

    public List<HostRow> getSelected() {
        return selected;
    }

    public void setSelected(List<HostRow> selected) {
        this.selected = selected;
    }

    /** The indexed hosts among the pending IPs, a page at a time, in address order. */
    private final class HostModel extends LazyDataModel<HostRow> {
        private static final long serialVersionUID = 1L;
        private Long total;
        private List<HostRow> page = List.of();

        long total() {
            if (total == null) {
                total = service.pendingHostCount(filterRange);
            }
            return total;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(total(), Integer.MAX_VALUE);
        }

        @Override
        public List<HostRow> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            page = service.pendingHosts(filterRange, first, pageSize);
            return page;
        }

        @Override
        public String getRowKey(HostRow row) {
            return row.getIp();
        }

        /**
         * The row of a ticked key. A host ticked on another page, or before the filter changed, is not on the page
         * loaded now; the table still sends its key, and it is kept as its address alone (all a decision needs). The
         * decision itself takes only addresses that are pending, so a key made up by the browser adds nothing.
         */
        @Override
        public HostRow getRowData(String rowKey) {
            return page.stream().filter(r -> r.getIp().equals(rowKey)).findFirst().orElseGet(() -> addressOnly(rowKey));
        }

        private static HostRow addressOnly(String rowKey) {
            try {
                return new HostRow(IpAddress.parse(rowKey), null, null, null, null, null, null);
            } catch (IpParseException | NullPointerException e) {
                return null;
            }
        }
    }
}
