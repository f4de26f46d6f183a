package io.assetmanager.coverage;

/** Whether the members of a coverage set must be in one of the three base sets, must not be, or either. */
public enum Membership {
    IN, OUT, ANY;

    boolean admits(boolean member) {
        return this == ANY || (this == IN) == member;
    }
}
