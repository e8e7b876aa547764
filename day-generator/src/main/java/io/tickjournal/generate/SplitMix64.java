package io.tickjournal.generate;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): a tiny, fast, seeded generator whose output is fixed by
 * this code alone, so a seed gives the same day on every JDK (unlike {@code java.util} generators,
 * whose bounded methods are free to change between releases). Not thread-safe.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound), bound &gt; 0 (multiply-shift; the bias is below 2^-32). */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, bound), bound &gt; 0. */
    long nextLong(long bound) {
        return (nextLong() >>> 1) % bound;
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean nextBoolean() {
        return nextLong() < 0;
    }
}
