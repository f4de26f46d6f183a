package io.assetmanager.qualys.sync;

import io.assetmanager.inventory.HostRow;
import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.Numbers;
import io.assetmanager.qualys.settings.AutoSubscribe;
import io.assetmanager.qualys.settings.QualysSettingsRepository;
import io.assetmanager.qualys.settings.QualysSettingsValidator;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The approval list of Auto-Subscribe On after approval as the Approvals page and {@code /api/v1/approvals} use it:
 * what waits, what approving it would cost in licences, and an admin's decisions (approve all, or the pending IPs in
 * some ranges; reject, which adds the rejected IPs to the exclusions). Every decision is audited.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ApprovalService {

    /** Ranges typed or sent for one decision: as long as the exclusions setting may be. */
    public static final int MAX_RANGES_TEXT = QualysSettingsValidator.MAX_EXCLUSIONS;
    /** Decisions the page and the API show, newest first. */
    public static final int DECISIONS_SHOWN = 50;

    private static final Logger LOG = Logger.getLogger(ApprovalService.class.getName());

    @Inject
    private ApprovalRepository approvals;
    @Inject
    private SnapshotRepository snapshots;
    @Inject
    private QualysSettingsRepository settings;

    /**
     * @param pending    IPs waiting for a decision
     * @param approved   approved IPs the next run adds
     * @param subscribed the subscription's size as the last run stored it
     * @param mode       the Auto-Subscribe setting: the list only fills with On after approval
     */
    public record Overview(IpRangeSet pending, IpRangeSet approved, BigInteger subscribed, AutoSubscribe mode) {

        /** The licence effect of approving everything pending, e.g. "... 1,204 IPs would become 1,206 (+2)". */
        public String licenceEffect() {
            BigInteger adding = pending.size().add(approved.size());
            return "The subscription holds " + Numbers.grouped(subscribed) + " IPs (last run). Approving every pending"
                    + " IP adds " + Numbers.grouped(pending.size()) + (approved.isEmpty() ? ""
                    : ", beside the " + Numbers.grouped(approved.size()) + " approved ones the next run adds")
                    + ": " + Numbers.grouped(subscribed.add(adding)) + " subscribed IPs, each a Qualys licence.";
        }
    }

    /** A decision that was refused: bad ranges, nothing to decide on, or no room in the exclusions. */
    public static final class DecisionRefused extends Exception {
        private final String field;

        public DecisionRefused(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The field (of the page or the API's body) the problem is about; null when about none. */
        public String field() {
            return field;
        }
    }

    public Overview overview() {
        Reconciliation.Approvals list = approvals.load();
        return new Overview(list.pending(), list.approved(), snapshots.loadSubscribed().size(),
                settings.current().getAutoSubscribe());
    }

    /** A page of the indexed hosts among the pending IPs, with their inventory details. */
    public List<HostRow> pendingHosts(IpRange within, long offset, int limit) {
        return approvals.pendingHosts(within, offset, limit);
    }

    /** Whether any IP waits for a decision (the dashboard's and the preview's link to the Approvals page). */
    public boolean anyPending() {
        return approvals.pendingRangeCount() > 0;
    }

    public long pendingHostCount(IpRange within) {
        return approvals.pendingHostCount(within);
    }

    public List<ApprovalRepository.Decision> decisions() {
        return approvals.decisions(DECISIONS_SHOWN);
    }

    /** Approves every pending IP. @return what was approved */
    public IpRangeSet approveAll(String user) throws DecisionRefused {
        return approve(IpRangeSet.parseList("0.0.0.0/0"), user);
    }

    /**
     * Approves the pending IPs among {@code ranges} (addresses, ranges or CIDR blocks).
     *
     * @param field the name the caller gave the ranges, for the error message
     */
    public IpRangeSet approve(String field, String ranges, String user) throws DecisionRefused {
        return approve(chosen(field, ranges), user);
    }

    private IpRangeSet approve(IpRangeSet chosen, String user) throws DecisionRefused {
        IpRangeSet moved = decide(list -> Reconciliation.approve(list, chosen), ApprovalRepository.APPROVED, user);
        if (moved.isEmpty()) {
            throw new DecisionRefused(null, "Nothing was approved: no pending IP is in " + describe(chosen) + ".");
        }
        return moved;
    }

    /** Rejects the pending or approved IPs among {@code ranges}: they leave the list and join the exclusions. */
    public IpRangeSet reject(String field, String ranges, String user) throws DecisionRefused {
        IpRangeSet chosen = chosen(field, ranges);
        IpRangeSet moved = decide(list -> Reconciliation.reject(list, chosen), ApprovalRepository.REJECTED, user);
        if (moved.isEmpty()) {
            throw new DecisionRefused(null, "Nothing was rejected: no pending or approved IP is in "
                    + describe(chosen) + ".");
        }
        return moved;
    }

    private IpRangeSet decide(java.util.function.UnaryOperator<Reconciliation.Approvals> decision, String kind,
            String user) throws DecisionRefused {
        IpRangeSet moved;
        try {
            moved = approvals.decide(decision, kind, user, OffsetDateTime.now(ZoneOffset.UTC),
                    QualysSettingsValidator.MAX_EXCLUSIONS);
        } catch (ApprovalRepository.ExclusionsFullException e) {
            throw new DecisionRefused(null, e.getMessage());
        }
        if (!moved.isEmpty()) {
            LOG.info(() -> user + " " + kind.toLowerCase(Locale.ROOT) + " " + Numbers.grouped(moved.size())
                    + " IPs for the Qualys subscription: " + describe(moved));
        }
        return moved;
    }

    /**
     * The ranges of a decision.
     *
     * @throws DecisionRefused naming the field and the bad entry, when empty, too long or not addresses
     */
    static IpRangeSet chosen(String field, String text) throws DecisionRefused {
        if (text == null || text.isBlank()) {
            throw new DecisionRefused(field, field + " is empty: give IPs, ranges (a-b) or CIDR blocks, e.g."
                    + " 10.0.5.0/24.");
        }
        if (text.length() > MAX_RANGES_TEXT) {
            throw new DecisionRefused(field, String.format(Locale.ROOT, "%s must be at most %,d characters (it has"
                    + " %,d): write wider ranges or CIDR blocks.", field, MAX_RANGES_TEXT, text.length()));
        }
        IpRangeSet set;
        try {
            set = IpRangeSet.parseList(text);
        } catch (IpParseException e) {
            throw new DecisionRefused(field, field + ": " + e.getMessage() + ".");
        }
        if (!set.ipv6().isEmpty()) {
            throw new DecisionRefused(field, field + ": IPv6 is never added to the Qualys subscription, so it is"
                    + " never pending: " + set.ipv6().ranges().get(0) + ".");
        }
        return set;
    }

    /** The first ranges of a set, for messages and the log. */
    static String describe(IpRangeSet set) {
        String shown = set.ranges().stream().limit(5).map(Object::toString)
                .collect(java.util.stream.Collectors.joining(", "));
        return set.rangeCount() > 5 ? shown + " and " + (set.rangeCount() - 5) + " more ranges" : shown;
    }
}
