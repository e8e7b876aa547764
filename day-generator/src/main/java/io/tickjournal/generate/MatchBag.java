package io.tickjournal.generate;

/**
 * A bounded bag of (match number, stock locate) pairs that a broken trade may refer to. When full,
 * a random entry is replaced; {@link #take} removes what it returns, so no match is broken twice.
 */
final class MatchBag {
    private final long[] matches;
    private final int[] locates;
    private int size;
    private long takenMatch;
    private int takenLocate;

    MatchBag(int capacity) {
        matches = new long[capacity];
        locates = new int[capacity];
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long match, int locate, SplitMix64 rng) {
        int i = size < matches.length ? size++ : rng.nextInt(matches.length);
        matches[i] = match;
        locates[i] = locate;
    }

    /** Removes a random entry, readable afterwards with {@link #takenMatch()} and {@link #takenLocate()}. */
    void take(SplitMix64 rng) {
        int i = rng.nextInt(size);
        takenMatch = matches[i];
        takenLocate = locates[i];
        size--;
        matches[i] = matches[size];
        locates[i] = locates[size];
    }

    long takenMatch() {
        return takenMatch;
    }

    int takenLocate() {
        return takenLocate;
    }
}
