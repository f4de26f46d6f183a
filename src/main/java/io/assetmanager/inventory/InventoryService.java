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
    public IngestCounts ingest(InputStream body, UploadFormat format, IngestMode mode, String source, String zone) {
        String checkedSource = checkSource(source);
        String checkedZone = checkZone(zone);
        UploadBatch batch = parse(body, format, mode);
        batch.setUploadZone(checkedZone);
        return writer.apply(batch, mode, checkedSource);
    }

    /** The source as stored, or an UploadRejectedException saying what is wrong with it. */
    public String checkSource(String source) {
        try {
            return HostFields.source(source);
        } catch (HostFields.InvalidFieldException e) {
            throw UploadRejectedException.of(0, e.getMessage());
        }
    }

    /**
     * The upload's zone (for the hosts the file gives none) as stored, or an UploadRejectedException naming the
     * {@code zone} parameter and what is wrong with it.
     */
    public String checkZone(String zone) {
        try {
            return HostFields.zone(zone);
        } catch (HostFields.InvalidFieldException e) {
            throw UploadRejectedException.of(0, "the zone parameter: " + e.reason());
        }
    }

    /**
     * Reads a whole upload into a sorted, deduplicated batch, writing nothing.
     *
     * @throws UploadRejectedException with the problems (line by line) if anything in the upload is invalid
     * @throws UploadTooLargeException if the upload passes the byte or host limit
     */
    public UploadBatch parse(InputStream body, UploadFormat format, IngestMode mode) {
        UploadLimits limits = UploadLimits.fromEnvironment();
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
        checkMode(batch, mode);
        return batch;
    }

    private static void checkMode(UploadBatch batch, IngestMode mode) {
        if (mode == IngestMode.REPLACE && batch.distinctHosts() == 0) {
            throw UploadRejectedException.of(0, "an upload without hosts cannot replace the inventory"
                    + " (to empty it, delete the ranges)");
        }
    }

    /**
     * Applies a batch from {@link #parse} (the page's Apply after its preview), in the mode and with the zone (for
     * hosts the file gives none) chosen by then.
     */
    public IngestCounts apply(UploadBatch batch, IngestMode mode, String source, String zone) {
        checkMode(batch, mode);
        String checkedSource = checkSource(source);
        batch.setUploadZone(checkZone(zone));
        return writer.apply(batch, mode, checkedSource);
    }

    /** What applying the batch with this zone (for hosts the file gives none) would do now, without writing. */
    public IngestCounts preview(UploadBatch batch, IngestMode mode, String zone) {
        checkMode(batch, mode);
        batch.setUploadZone(checkZone(zone));
        return writer.preview(batch, mode);
    }

    /** How many indexed hosts a delete of the range would remove now. */
    public long countInRange(IpRange range) {
        return writer.countInRange(range);
    }

    /** How many indexed hosts a delete of the range in a zone (null: every zone) would remove now. */
    public long countInRange(IpRange range, String zone) {
        return writer.countInRange(range, zone);
    }

    public long delete(IpRange range) {
        return writer.delete(range);
    }

    /** Deletes the hosts of a range in one zone (null: in every zone). */
    public long delete(IpRange range, String zone) {
        return writer.delete(range, zone);
    }
}
