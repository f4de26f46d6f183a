package io.assetmanager.inventory;

import io.assetmanager.platform.UploadLimits;
import io.assetmanager.net.IpRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;

/**
 * Uploads into the inventory, for the REST API and the page alike: the body is streamed through the size limit and
 * the format's parser into a compact batch; only a batch without a single problem reaches the writer.
 */
@ApplicationScoped
public class InventoryService {

    @Inject
    private InventoryWriter writer;

    /**
     * @throws UploadRejectedException with the problems (line by line) if anything in the upload is invalid
     * @throws UploadTooLargeException if the upload passes the byte or host limit
     */
    public IngestCounts ingest(InputStream body, UploadFormat format, IngestMode mode, String source) {
        UploadLimits limits = UploadLimits.fromEnvironment();
        String checkedSource;
        try {
            checkedSource = HostFields.source(source);
        } catch (HostFields.InvalidFieldException e) {
            throw UploadRejectedException.of(0, e.getMessage());
        }
        UploadBatch batch = new UploadBatch(limits.maxHosts());
        UploadProblems problems = new UploadProblems();
        try {
            format.parser().parse(new LimitedInputStream(body, limits.maxBytes()), batch, problems);
        } catch (IOException e) {
            throw UploadRejectedException.of(0, "the upload could not be read to its end: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new UploadRejectedException(problems);
        }
        batch.sortAndDeduplicate();
        if (mode == IngestMode.REPLACE && batch.distinctHosts() == 0) {
            throw UploadRejectedException.of(0, "an upload without hosts cannot replace the inventory"
                    + " (to empty it, delete the ranges)");
        }
        return writer.apply(batch, mode, checkedSource);
    }

    public long delete(IpRange range) {
        return writer.delete(range);
    }
}
