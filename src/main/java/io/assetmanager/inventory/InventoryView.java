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

    private IndexedHostLazyModel hosts;
    private String rangeFilter;
    private String hostnameFilter;
    private String mode = IngestMode.MERGE.label();
    private String source;
    private String deleteRange;
    private String uploadSummary;
    private final List<String> uploadProblems = new ArrayList<>();

    @PostConstruct
    void init() {
        hosts = new IndexedHostLazyModel(queries, new HeavyRequests.Table(heavy,
                FacesContext.getCurrentInstance().getExternalContext().getRemoteUser()));
    }

    public void applyFilter() {
        try {
            hosts.setFilter(HostFilter.parse(rangeFilter, hostnameFilter));
        } catch (IpParseException e) {
            error("hostsForm:rangeFilter", e.getMessage());
        }
    }

    public void upload(FileUploadEvent event) {
        uploadSummary = null;
        uploadProblems.clear();
        requireAdmin();
        UploadedFile file = event.getFile();
        Optional<UploadFormat> format = UploadFormat.ofFileName(file.getFileName());
        if (format.isEmpty()) {
            uploadProblems.add("The file name must end in .txt (one IP per line), .csv, .json or .xml (nmap -oX);"
                    + " nothing was written.");
            return;
        }
        IngestMode ingestMode = IngestMode.of(mode).orElse(IngestMode.MERGE);
        String user = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
        String given = source == null || source.isBlank() ? "upload:" + user + ":" + file.getFileName() : source;
        try (InputStream in = file.getInputStream()) {
            IngestCounts counts = inventory.ingest(in, format.get(), ingestMode, given);
            uploadSummary = file.getFileName() + ": " + counts.summary() + ".";
            hosts.refresh();
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

    public void deleteHost(String ip) {
        requireAdmin();
        long removed = inventory.delete(IpRange.of(IpAddress.parse(ip)));
        hosts.refresh();
        info(removed == 0 ? ip + " was already gone." : ip + " deleted.");
    }

    public void deleteRangeAction() {
        requireAdmin();
        IpRange range;
        try {
            range = IpRange.parse(deleteRange);
        } catch (IpParseException e) {
            error("hostsForm:deleteRange", e.getMessage());
            return;
        }
        long removed = inventory.delete(range);
        hosts.refresh();
        info(String.format("%,d host(s) deleted in %s.", removed, range));
        deleteRange = null;
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
}
