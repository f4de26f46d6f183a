package io.assetmanager.inventory;

import io.assetmanager.platform.HeavyRequests;
import io.assetmanager.platform.UploadLimits;
import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import io.assetmanager.web.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.file.UploadedFile;

/** The Inventory page: the lazy table with its filter, the upload with its summary, deletes for admins. */
@Named("inventoryView")
@ViewScoped
public class InventoryView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private InventoryRepository queries;

    @Inject
    private InventoryService inventory;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private HeavyRequests heavy;

    @Inject
    private PendingUpload pending;

    private IndexedHostLazyModel hosts;
    private String rangeFilter;
    private String hostnameFilter;
    private String zoneFilter;
    /** The zones present, read once per view and again after a change ({@link #inventoryChanged}). */
    private List<String> zoneNames;
    private String mode = IngestMode.MERGE.label();
    private String source;
    /** The zone of the uploaded hosts the file gives none. */
    private String zone;
    private String deleteRange;
    private String uploadSummary;
    private final List<String> uploadProblems = new ArrayList<>();
    /** The token of the upload this page previewed (held in {@link PendingUpload}), null when none waits. */
    private String pendingToken;
    private String pendingFile;
    private String pendingPreview;
    private String confirmation;
    /** The range whose delete this page previewed, null when none waits. */
    private String pendingDeleteRange;
    /** The zone of that delete (the Zone filter's when it was previewed), null for every zone. */
    private String pendingDeleteZone;
    private String pendingDeletePreview;
    private String deleteConfirmation;

    @PostConstruct
    void init() {
        hosts = new IndexedHostLazyModel(queries, new HeavyRequests.Table(heavy,
                FacesContext.getCurrentInstance().getExternalContext().getRemoteUser()));
    }

    public void applyFilter() {
        try {
            hosts.setFilter(HostFilter.parse(rangeFilter, hostnameFilter, zoneFilter));
        } catch (IpParseException e) {
            error("hostsForm:rangeFilter", e.getMessage());
        }
    }

    /** The word an admin types to confirm a replace; a delete by range is confirmed with {@link #DELETE_WORD}. */
    public static final String REPLACE_WORD = "REPLACE";
    public static final String DELETE_WORD = "DELETE";

    /**
     * A file was picked: it is read and checked whole and compared with the inventory, and the page says what
     * Apply would do; nothing is written. The parsed hosts wait in the session ({@link PendingUpload}); the file's
     * bytes are not kept (the container's temporary copy is deleted when the request ends).
     */
    public void upload(FileUploadEvent event) {
        clearUpload();
        requireAdmin();
        UploadedFile file = event.getFile();
        Optional<UploadFormat> format = UploadFormat.ofFileName(file.getFileName());
        if (format.isEmpty()) {
            uploadProblems.add("The file name must end in .txt (one IP per line), .csv, .json or .xml (nmap -oX);"
                    + " nothing was written.");
            return;
        }
        String zoneProblem = zoneProblem();
        if (zoneProblem != null) {
            uploadProblems.add(zoneProblem);
            return;
        }
        try (InputStream in = file.getInputStream()) {
            inventory.checkSource(givenSource(file.getFileName()));
            UploadBatch batch = inventory.parse(in, format.get(), ingestMode());
            pendingFile = file.getFileName();
            pendingToken = pending.hold(batch, pendingFile);
            preview(batch);
        } catch (UploadRejectedException e) {
            UploadProblems problems = e.problems();
            uploadProblems.add(file.getFileName() + " was rejected and nothing was written: " + problems.count()
                    + " problem(s)" + (problems.count() > problems.listed().size()
                            ? ", the first " + problems.listed().size() + " listed" : "") + ".");
            problems.listed().forEach(p -> uploadProblems.add(p.toString()));
        } catch (UploadTooLargeException e) {
            uploadProblems.add(file.getFileName() + ": " + e.getMessage() + "; nothing was written.");
        } catch (IOException e) {
            uploadProblems.add(file.getFileName() + " could not be read: " + e.getMessage());
        }
    }

    /** The mode or the zone changed: the waiting upload is compared again with them. */
    public void modeChanged() {
        confirmation = null;
        uploadProblems.clear();
        String zoneProblem = zoneProblem();
        if (zoneProblem != null) {
            pendingPreview = null;
            uploadProblems.add(zoneProblem);
            return;
        }
        UploadBatch batch = pendingToken == null ? null : pending.get(pendingToken);
        if (batch != null) {
            try {
                preview(batch);
            } catch (UploadRejectedException e) {
                pendingPreview = null;
                uploadProblems.add(pendingFile + ": " + e.getMessage());
            }
        }
    }

    private void preview(UploadBatch batch) {
        IngestCounts plan = inventory.preview(batch, ingestMode(), zone);
        String givenZone = HostFields.zone(zone);
        pendingPreview = String.format("%s (%,d hosts, %s%s): will add %,d, update %,d, remove %,d; %,d unchanged."
                + " Nothing is written until you apply it.", pendingFile, plan.hosts(), plan.mode().label(),
                givenZone == null ? "" : ", zone " + givenZone + " where the file gives none",
                plan.added(), plan.updated(), plan.removed(), plan.unchanged());
    }

    /** What is wrong with the zone field, as the page says it, or null when it is valid (or blank). */
    private String zoneProblem() {
        try {
            HostFields.zone(zone);
            return null;
        } catch (HostFields.InvalidFieldException e) {
            return "Zone: " + e.reason() + "; nothing was read or written.";
        }
    }

    /** Applies the previewed upload; in replace mode only once the admin typed {@link #REPLACE_WORD}. */
    public void applyUpload() {
        requireAdmin();
        UploadBatch batch = pendingToken == null ? null : pending.get(pendingToken);
        if (batch == null) {
            clearUpload();
            uploadProblems.add("No upload is waiting here any more (applied, cancelled, or replaced by a file picked"
                    + " in another tab): pick the file again. Nothing was written.");
            return;
        }
        String zoneProblem = zoneProblem();
        if (zoneProblem != null) {
            uploadProblems.clear();
            uploadProblems.add(zoneProblem);
            return;
        }
        IngestMode ingestMode = ingestMode();
        if (ingestMode == IngestMode.REPLACE && !REPLACE_WORD.equals(confirmation == null ? null : confirmation.strip())) {
            error("uploadForm:confirmation", "Type " + REPLACE_WORD + " to remove every host the file does not list;"
                    + " nothing was written.");
            return;
        }
        try {
            IngestCounts counts = inventory.apply(batch, ingestMode, givenSource(pendingFile), zone);
            String name = pendingFile;
            pending.release(pendingToken);
            clearUpload();
            uploadSummary = name + ": " + counts.summary() + ".";
            inventoryChanged();
        } catch (UploadRejectedException | InventoryBusyException e) {
            uploadProblems.add(pendingFile + ": " + e.getMessage());
        }
    }

    /** Drops the previewed upload; nothing was written. */
    public void cancelUpload() {
        if (pendingToken != null) {
            pending.release(pendingToken);
        }
        clearUpload();
    }

    private void clearUpload() {
        uploadSummary = null;
        uploadProblems.clear();
        pendingToken = null;
        pendingFile = null;
        pendingPreview = null;
        confirmation = null;
    }

    private IngestMode ingestMode() {
        return IngestMode.of(mode).orElse(IngestMode.MERGE);
    }

    private String givenSource(String fileName) {
        String user = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
        return source == null || source.isBlank() ? "upload:" + user + ":" + fileName : source;
    }

    /** Deletes one host: the address in its zone (the same address in another zone stays). */
    public void deleteHost(String ip, String zone) {
        requireAdmin();
        String name = HostFields.zoneName(zone);
        long removed;
        try {
            removed = inventory.delete(IpRange.of(IpAddress.parse(ip)), name);
        } catch (InventoryBusyException e) {
            error(null, e.getMessage());
            return;
        }
        inventoryChanged();
        String host = ip + " (zone " + name + ")";
        info(removed == 0 ? host + " was already gone." : host + " deleted.");
    }

    /** The zone a range delete is limited to: the applied Zone filter's, or null for every zone. */
    private String deleteZone() {
        return hosts.getFilter().zone();
    }

    private static String inZone(String zone) {
        return zone == null ? "" : " in zone " + zone;
    }

    /** Says how many hosts a delete of the range would remove and waits for a typed confirmation. */
    public void deleteRangeAction() {
        requireAdmin();
        cancelDelete();
        IpRange range;
        try {
            range = IpRange.parse(deleteRange);
        } catch (IpParseException e) {
            error("hostsForm:deleteRange", e.getMessage());
            return;
        }
        String zone = deleteZone();
        long count = inventory.countInRange(range, zone);
        if (count == 0) {
            info("No indexed host is in " + range + inZone(zone) + "; nothing to delete.");
            return;
        }
        pendingDeleteRange = range.toString();
        pendingDeleteZone = zone;
        pendingDeletePreview = String.format("Will delete %,d indexed host(s) in %s%s. Nothing is deleted until you"
                + " confirm.", count, range, inZone(zone));
    }

    /** Deletes the previewed range once the admin typed {@link #DELETE_WORD}. */
    public void confirmDeleteRange() {
        requireAdmin();
        if (pendingDeleteRange == null) {
            return;
        }
        if (!DELETE_WORD.equals(deleteConfirmation == null ? null : deleteConfirmation.strip())) {
            error("hostsForm:deleteConfirmation", "Type " + DELETE_WORD + " to delete these hosts; nothing was"
                    + " deleted.");
            return;
        }
        IpRange range = IpRange.parse(pendingDeleteRange);
        long removed;
        try {
            removed = inventory.delete(range, pendingDeleteZone);
        } catch (InventoryBusyException e) {
            error(null, e.getMessage());
            return;
        }
        inventoryChanged();
        info(String.format("%,d host(s) deleted in %s%s.", removed, range, inZone(pendingDeleteZone)));
        deleteRange = null;
        cancelDelete();
    }

    private void inventoryChanged() {
        hosts.refresh();
        zoneNames = null;
    }

    /**
     * The zones the Zone filter offers: those holding hosts now, {@value HostFields#DEFAULT_ZONE} among them when a
     * host has none (shown as {@link #zoneLabel}).
     */
    public List<String> getZoneNames() {
        if (zoneNames == null) {
            zoneNames = queries.zoneNames();
        }
        return zoneNames;
    }

    /** How the Zone filter shows a zone: the default zone says that it holds the hosts without one. */
    public String zoneLabel(String name) {
        return HostFields.DEFAULT_ZONE.equals(name) ? name + " (hosts without a zone)" : name;
    }

    public void cancelDelete() {
        pendingDeleteRange = null;
        pendingDeleteZone = null;
        pendingDeletePreview = null;
        deleteConfirmation = null;
    }

    public String getExportUrl() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HostFilter filter = hosts.getFilter();
        StringBuilder url = new StringBuilder(external.getRequestContextPath()).append("/inventory/export.csv");
        char separator = '?';
        if (filter.range() != null) {
            url.append(separator).append("range=").append(URLEncoder.encode(filter.range().toString(), StandardCharsets.UTF_8));
            separator = '&';
        }
        if (filter.hostnameContains() != null) {
            url.append(separator).append("hostname=")
                    .append(URLEncoder.encode(filter.hostnameContains(), StandardCharsets.UTF_8));
            separator = '&';
        }
        if (filter.zone() != null) {
            url.append(separator).append("zone=").append(URLEncoder.encode(filter.zone(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    public boolean isAdmin() {
        return currentUser.isAdmin();
    }

    /** What the host table says when it has no rows. */
    public String getEmptyMessage() {
        return hosts.emptyMessage("No indexed hosts.");
    }

    public long getMaxUploadBytes() {
        return UploadLimits.fromEnvironment().maxBytes();
    }

    public String getMaxUploadText() {
        return String.format("%,d MiB", getMaxUploadBytes() / (1024 * 1024));
    }

    private void requireAdmin() {
        if (!isAdmin()) {
            throw new SecurityException("Only an admin can change the inventory");
        }
    }

    private static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    private static void error(String clientId, String message) {
        FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    public IndexedHostLazyModel getHosts() {
        return hosts;
    }

    public String getRangeFilter() {
        return rangeFilter;
    }

    public void setRangeFilter(String rangeFilter) {
        this.rangeFilter = rangeFilter;
    }

    public String getHostnameFilter() {
        return hostnameFilter;
    }

    public void setHostnameFilter(String hostnameFilter) {
        this.hostnameFilter = hostnameFilter;
    }

    public String getZoneFilter() {
        return zoneFilter;
    }

    public void setZoneFilter(String zoneFilter) {
        this.zoneFilter = zoneFilter;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getDeleteRange() {
        return deleteRange;
    }

    public void setDeleteRange(String deleteRange) {
        this.deleteRange = deleteRange;
    }

    public String getUploadSummary() {
        return uploadSummary;
    }

    public List<String> getUploadProblems() {
        return uploadProblems;
    }

    public String getPendingPreview() {
        return pendingPreview;
    }

    public boolean isReplacePending() {
        return pendingPreview != null && ingestMode() == IngestMode.REPLACE;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }

    public String getPendingDeletePreview() {
        return pendingDeletePreview;
    }

    public String getDeleteConfirmation() {
        return deleteConfirmation;
    }

    public void setDeleteConfirmation(String deleteConfirmation) {
        this.deleteConfirmation = deleteConfirmation;
    }
}
