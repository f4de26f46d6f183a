package io.assetmanager.inventory;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.util.UUID;

/**
 * The one upload an admin's session has parsed and previewed but not applied yet: the parsed batch (16 bytes an
 * address plus the details the file gives, never the file's bytes), held in the session until Apply, Cancel, the
 * next file or the end of the session. One per session, so however many pages an admin opens, at most one parsed
 * upload waits in memory for each; the page that previewed it holds its token, so an Apply in one tab cannot apply
 * a file picked in another.
 */
@SessionScoped
public class PendingUpload implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Not serialized: a session written to disk or another server forgets the file, which is picked again. */
    private transient UploadBatch batch;
    private String token;
    private String fileName;

    /** Holds a parsed upload in place of any earlier one; returns its token. */
    public synchronized String hold(UploadBatch parsed, String name) {
        batch = parsed;
        fileName = name;
        token = UUID.randomUUID().toString();
        return token;
    }

    /** The batch held under this token, or null when it was applied, cancelled, replaced or forgotten. */
    public synchronized UploadBatch get(String expected) {
        return batch != null && token != null && token.equals(expected) ? batch : null;
    }

    public synchronized String fileName() {
        return fileName;
    }

    /** Lets the batch go (after Apply or Cancel) when the token is still the current one. */
    public synchronized void release(String expected) {
        if (token != null && token.equals(expected)) {
            batch = null;
            token = null;
            fileName = null;
        }
    }
}
