package io.assetmanager.qualys.sync.web;

import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.Numbers;
import io.assetmanager.platform.Times;
import io.assetmanager.qualys.settings.QualysSettings;
import io.assetmanager.qualys.settings.QualysSettingsForm;
import io.assetmanager.qualys.settings.QualysSettingsRepository;
import io.assetmanager.qualys.settings.QualysSettingsValidator;
import io.assetmanager.qualys.sync.Reconciliation;
import io.assetmanager.qualys.sync.SyncEngine;
import io.assetmanager.qualys.sync.SyncRefusedException;
import io.assetmanager.qualys.sync.SyncOutcome;
import io.assetmanager.qualys.sync.SyncRun;
import io.assetmanager.qualys.sync.SyncRunner;
import io.assetmanager.qualys.sync.SyncScheduler;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The state of the Qualys sync as the settings page and the Sync history page show it
 * ({@code WEB-INF/includes/sync-status.xhtml}, {@code sync-preview.xhtml}): what runs now, the last run, the next
 * one, Run now, and the preview of the next run. Read afresh on every request, so a save or a run shows at once.
 */
@Named("syncStatus")
@RequestScoped
public class SyncStatusView {

    private static final int PREVIEW_RANGES = 20;

    @Inject
    private SyncScheduler scheduler;
    @Inject
    private SyncRunner runner;
    @Inject
    private QualysSettingsRepository settings;

    private SyncScheduler.Status status;
    private PreviewText preview;
    private String previewBasis;
    private String previewProblem;

    /** The preview, worded for the page. */
    public record PreviewText(boolean autoSubscribe, String add, String addRanges, String discovered,
            String discoveredRanges, String stale, String calls, String pending, String zones) {
    }

    /**
     * A save in this request (the settings page's Submit) changes the state this request already read (while the
     * page's components were decoded): the panel rendered after it reads it again.
     */
    void settingsSaved(@jakarta.enterprise.event.Observes(notifyObserver = jakarta.enterprise.event.Reception.IF_EXISTS)
            io.assetmanager.qualys.settings.QualysSettingsSaved saved) {
        status = null;
    }

    private SyncScheduler.Status status() {
        if (status == null) {
            status = scheduler.status();
        }
        return status;
    }

    /** Starts a run for the admin who clicked; the growl says which, or why none started. */
    public void runNow() {
        FacesContext faces = FacesContext.getCurrentInstance();
        String user = faces.getExternalContext().getUserPrincipal().getName();
        try {
            long id = scheduler.runNow(user);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Sync run " + id + " started",
                    "Its progress shows under Sync status and on the Sync history page."));
        } catch (SyncRefusedException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "Not started", e.getMessage()));
        }
        status = null;
    }

    /** Accepts the newest held result for the admin who clicked and starts the run that applies it. */
    public void acceptHeld() {
        FacesContext faces = FacesContext.getCurrentInstance();
        String user = faces.getExternalContext().getUserPrincipal().getName();
        try {
            long id = scheduler.acceptHeld(user);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Held result accepted",
                    "Sync run " + id + " started to apply it."));
        } catch (SyncRefusedException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "Not accepted", e.getMessage()));
        }
        status = null;
    }

    /** Whether the newest finished run held its result and no one has accepted it yet. */
    public boolean isHeldAwaitingAcceptance() {
        return status().lastFinished().filter(r -> r.getOutcome() == SyncOutcome.HELD
                && r.getAcceptedBy() == null).isPresent();
    }

    /** One line on what the integration is doing now. */
    public String getState() {
        return state(status());
    }

    public String getLastRun() {
        return lastRun(status());
    }

    public String getNextRun() {
        return nextRun(status(), OffsetDateTime.now(ZoneOffset.UTC));
    }

    static String state(SyncScheduler.Status s) {
        if (!s.enabled()) {
            return "Off: no runs are scheduled.";
        }
        if (s.credentialsRejected()) {
            return "Stopped: Qualys refused the stored credentials. The scheduler will not use them until the server"
                    + " name, username or password change.";
        }
        return s.running().map(r -> "Running: " + (r.getCurrentStep() == null ? "starting" : r.getCurrentStep())
                + " (run " + r.getId() + ", " + r.startedDescription() + ").")
                .orElse("On: no run in progress; waiting for the next run.");
    }

    static String lastRun(SyncScheduler.Status s) {
        return s.lastFinished().map(r -> {
            String line = "Run " + r.getId() + " " + r.getOutcome().name().toLowerCase(Locale.ROOT) + " at "
                    + Times.format(r.getEndedAt() != null ? r.getEndedAt() : r.getStartedAt());
            return r.getErrorText() == null ? line + "." : line + ": " + r.getErrorText();
        }).orElse("None yet.");
    }

    static String nextRun(SyncScheduler.Status s, OffsetDateTime now) {
        return s.nextRun().map(t -> t.isBefore(now) ? "Due now." : Times.format(t)).orElse("None scheduled.");
    }

    /** Whether a click on Run now would start a run rather than be refused for the integration being Off. */
    public boolean isRunNowAllowed() {
        return status().enabled() && !status().credentialsRejected();
    }

    /**
     * Run now is disabled while Qualys rejects the stored credentials (a run would send one more failing login);
     * while the integration is Off it stays clickable and its click says why nothing starts.
     */
    public boolean isRunNowBlocked() {
        return status().credentialsRejected();
    }

    /** Why Run now would start nothing, shown beside it; null while it is allowed. */
    public String getRunNowReason() {
        if (!status().enabled()) {
            return "Run now needs the integration On: switch it On and submit the settings.";
        }
        return status().credentialsRejected() ? SyncEngine.CREDENTIALS_REJECTED : null;
    }

    /**
     * Previews the next run with the settings as the form shows them now, saved or not: the riskiest switch
     * (Auto-Subscribe) can be tried before it is submitted. The result says whether it used unsaved settings.
     */
    public void computePreview(QualysSettingsForm form) {
        preview = null;
        previewProblem = null;
        QualysSettingsValidator.PreviewValues values;
        try {
            values = QualysSettingsValidator.previewValues(form);
        } catch (QualysSettingsValidator.InvalidSettingsException e) {
            previewProblem = "No preview: " + e.errors().stream().map(QualysSettingsValidator.FieldError::message)
                    .collect(Collectors.joining("; ")) + ".";
            return;
        }
        QualysSettings saved = settings.current();
        boolean unsaved = values.autoSubscribe() != saved.getAutoSubscribe()
                || !Objects.equals(values.exclusions(), saved.getExclusions())
                || values.maxAddPerRun() != saved.getMaxAddPerRun()
                || values.staleAfterDays() != saved.getStaleAfterDays()
                || values.staleJoinDiscovered() != saved.isStaleJoinDiscovered();
        String staleSwitch = values.staleJoinDiscovered() == saved.isStaleJoinDiscovered() ? ""
                : ", stale hosts joining the group " + onOff(values.staleJoinDiscovered()) + " (saved: "
                        + onOff(saved.isStaleJoinDiscovered()) + ")";
        previewBasis = unsaved ? "Preview of the form's unsaved settings (Auto-Subscribe "
                + values.autoSubscribe().label() + "; saved: " + saved.getAutoSubscribe().label() + ")" + staleSwitch
                + ". Runs use the saved settings until you submit."
                : "Preview of the saved settings (Auto-Subscribe " + values.autoSubscribe().label() + ").";
        Reconciliation.Preview p = runner.preview(values.autoSubscribe(), values.exclusions(), values.maxAddPerRun(),
                values.staleAfterDays(), values.staleJoinDiscovered());
        String add = null;
        String addRanges = null;
        String pending = null;
        if (p.add() != null) {
            IpRangeSet toAdd = p.add().toAdd();
            add = Numbers.grouped(toAdd.size()) + (p.add().approval() ? " approved" : "") + " IPs in "
                    + toAdd.rangeCount() + " ranges would be added to the subscription"
                    + " (" + Numbers.grouped(p.add().excluded()) + " excluded by the list, " + Numbers.grouped(p.add().ipv6Skipped())
                    + " IPv6 not sent to Qualys" + (p.add().capped() ? "; more are held back by the per-run maximum"
                    : "") + ").";
            addRanges = ranges(toAdd);
            if (p.add().approval()) {
                pending = Numbers.grouped(p.add().pending().size()) + " IPs in " + p.add().pending().rangeCount()
                        + " ranges would wait for approval; they are not added until an admin"
                        + " approves them.";
            }
        }
        String group = p.zones() == null
                ? "The DISCOVERED group would hold " + Numbers.grouped(p.discovered().size()) + " IPs in "
                        + p.discovered().rangeCount() + " ranges."
                : "The zone groups would hold " + Numbers.grouped(p.zones().all().size()) + " IPs in all (the"
                        + " DISCOVERED group is not set): " + String.join("; ", p.zones().lines()) + ".";
        preview = new PreviewText(p.autoSubscribe().subscribes(), add, addRanges, group,
                ranges(p.zones() == null ? p.discovered() : p.zones().all()),
                stale(p, values.staleAfterDays()), "The run would make about " + p.calls().describe() + ".",
                pending,
                p.zones() == null ? null : p.zones().summary());
    }

    private static String onOff(boolean on) {
        return on ? "On" : "Off";
    }

    /** How many stale hosts join the group, or would join with the switch On. */
    static String stale(Reconciliation.Preview p, int staleAfterDays) {
        boolean one = p.stale().size().equals(java.math.BigInteger.ONE);
        String hosts = "stale " + (one ? "host" : "hosts") + " (indexed and subscribed, scanned but not in the last "
                + (staleAfterDays == 1 ? "day" : staleAfterDays + " days") + ")";
        String count = Numbers.grouped(p.stale().size());
        return p.rule().staleJoin()
                ? "Of these, " + count + " " + hosts + (one ? " joins" : " join")
                        + " because \"Stale hosts join the DISCOVERED group\" is On."
                : "\"Stale hosts join the DISCOVERED group\" is Off: " + count + " " + hosts + " would join were it On.";
    }

    public PreviewText getPreview() {
        return preview;
    }

    /** What the preview was computed from: the saved settings, or the form's unsaved ones. */
    public String getPreviewBasis() {
        return previewBasis;
    }

    /** Why no preview was computed (a field of the form is wrong); null otherwise. */
    public String getPreviewProblem() {
        return previewProblem;
    }

    private static String ranges(IpRangeSet set) {
        String shown = set.ranges().stream().limit(PREVIEW_RANGES).map(IpRange::toString)
                .collect(Collectors.joining(", "));
        int more = set.rangeCount() - PREVIEW_RANGES;
        return more > 0 ? shown + " … and " + more + " more ranges" : shown;
    }
}
