package io.assetmanager.inventory;

/** The upload has problems; nothing of it was written. */
public class UploadRejectedException extends RuntimeException {

    private final transient UploadProblems problems;

    public UploadRejectedException(UploadProblems problems) {
        super(problems.count() + " problem(s) in the upload, first: " + problems.listed().get(0));
        this.problems = problems;
    }

    public static UploadRejectedException of(long line, String message) {
        UploadProblems problems = new UploadProblems();
        problems.add(line, message);
        return new UploadRejectedException(problems);
    }

    public UploadProblems problems() {
        return problems;
    }
}
