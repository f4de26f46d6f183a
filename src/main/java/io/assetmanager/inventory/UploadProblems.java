package io.assetmanager.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What is wrong with an upload, line by line: the first {@value #MAX_LISTED} problems are kept, all are counted, so
 * one bad file gives a useful list without growing with its size.
 */
public final class UploadProblems {

    public static final int MAX_LISTED = 100;

    /** @param line the line of the upload (1-based), 0 for the request as a whole */
    public record Problem(long line, String message) {
        @Override
        public String toString() {
            return line == 0 ? message : "line " + line + ": " + message;
        }
    }

    private final List<Problem> listed = new ArrayList<>();
    private long count;

    public void add(long line, String message) {
        count++;
        if (listed.size() < MAX_LISTED) {
            listed.add(new Problem(line, message));
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public long count() {
        return count;
    }

    public List<Problem> listed() {
        return Collections.unmodifiableList(listed);
    }
}
