package dev.autoremediate.remediator.review;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param page  0-based
 * @param total how many there are in all
 */
public record PageOf<T>(List<T> items, int page, int size, long total) {

    public PageOf {
        items = List.copyOf(items);
    }

    public int pages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
