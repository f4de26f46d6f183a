package io.assetmanager.sets;

/** Whether the members of a set must be in one of the three base sets, must not be, or either. */
public enum Membership {
    IN, OUT, ANY;

    public boolean admits(boolean member) {
        return this == ANY || (this == IN) == member;
    }
}
