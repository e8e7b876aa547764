package io.tickjournal.generate;

/**
 * Deletes the generator has promised for later: a fleeting order's cancel, due at an ITCH time, kept in
 * a bounded binary min-heap on that time (primitive arrays, no allocation; when full, a new promise is
 * refused and the order simply rests). The day run emits every due one before the event it is about to
 * write, so deletes interleave with other symbols' messages in timestamp order. Not thread-safe.
 */
final class PendingCancels {
    private final long[] due;
    private final long[] refs;
    private final int[] symbols;
    private int size;

    PendingCancels(int capacity) {
        due = new long[capacity];
        refs = new long[capacity];
        symbols = new int[capacity];
    }

    /** Promises to delete order {@code ref} of symbol {@code s} at {@code time}; false if full. */
    boolean add(long time, long ref, int s) {
        if (size == due.length) {
            return false;
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (due[parent] <= time) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, ref, s);
        return true;
    }

    /** True if a promise is due at or before {@code time}. */
    boolean dueBy(long time) {
        return size > 0 && due[0] <= time;
    }

    long firstDue() {
        return due[0];
    }

    long firstRef() {
        return refs[0];
    }

    int firstSymbol() {
        return symbols[0];
    }

    /** Drops the earliest promise (read it first with the {@code first*} getters). */
    void removeFirst() {
        int last = --size;
        long time = due[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && due[child + 1] < due[child]) {
                child++;
            }
            if (time <= due[child]) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, time, refs[last], symbols[last]);
    }

    private void move(int from, int to) {
        set(to, due[from], refs[from], symbols[from]);
    }

    private void set(int i, long time, long ref, int s) {
        due[i] = time;
        refs[i] = ref;
        symbols[i] = s;
    }
}
