package io.assetmanager.coverage;

/**
 * Where a page starts when it is not reached by its offset: right after ({@code backward} false) or right before
 * (true) a row already shown, in the list's order. Such a page is a walk of the sort column's index from that row
 * (keyset paging), as fast at the thousandth page as at the first.
 */
public record PageSeek(HostRow edge, boolean backward) {

    public static PageSeek after(HostRow last) {
        return new PageSeek(last, false);
    }

    public static PageSeek before(HostRow first) {
        return new PageSeek(first, true);
    }
}
