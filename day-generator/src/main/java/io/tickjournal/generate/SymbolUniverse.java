package io.tickjournal.generate;

import java.util.HashSet;
import java.util.Set;

/**
 * The symbols of a generated day: distinct names (well-known tickers first, at their 2024-2025 price
 * levels, then random 1-8 uppercase letters), a per-symbol mean-reverting random-walk fair price
 * (Price(4)) that the order flow follows, and a skewed
 * activity distribution (Zipf-like, locate 1 most active) sampled in O(1) with Vose's alias
 * method on integers. Index {@code s} is stock locate {@code s + 1}.
 */
final class SymbolUniverse {
    private static final String[] WELL_KNOWN = {
        "AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "AVGO", "COST", "NFLX", "AMD", "PEP", "ADBE",
        "CSCO", "QCOM", "INTC", "TXN", "AMGN", "INTU", "HON", "SBUX", "GILD", "MDLZ", "ISRG", "BKNG", "ADP",
        "VRTX", "REGN", "PYPL", "MU", "LRCX", "PANW", "SNPS", "CDNS", "KLAC", "MRVL", "ABNB", "ORLY", "CTAS", "QQQ",
    };
    /**
     * Reference prices in whole dollars of the well-known tickers, in the range each traded in during
     * 2024-2025 (rounded; the day's mid starts within 10% of it), so that a day's AAPL trades near
     * $230, not at a random price.
     */
    private static final int[] WELL_KNOWN_DOLLARS = {
        230, 420, 140, 200, 170, 580, 250, 170, 900, 700, 150, 160, 500,
        55, 165, 22, 200, 300, 630, 210, 95, 90, 65, 500, 4_800, 290,
        470, 800, 75, 100, 75, 370, 520, 290, 700, 80, 130, 1_200, 200, 500,
    };
    private static final long CENT = 100;
    private static final long MAX_PRICE = 0xFFFF_FFFFL - 1_000_000;
    private static final double ZIPF_EXPONENT = 1.1;

    final int count;
    final String[] names;
    final long[] mid;
    private final long[] anchor;
    private final long[] step;
    /** Locate index of the one very high-priced symbol (above 2^31 in Price(4)), or -1. */
    final int highPriced;
    private final long[] aliasThreshold;
    private final int[] alias;

    SymbolUniverse(int count, SplitMix64 rng) {
        this.count = count;
        names = new String[count];
        mid = new long[count];
        anchor = new long[count];
        step = new long[count];
        highPriced = count >= 10 ? count - 1 : -1;
        Set<String> used = new HashSet<>();
        for (int s = 0; s < count; s++) {
            boolean wellKnown = s < WELL_KNOWN.length && s != highPriced;
            String name = wellKnown ? WELL_KNOWN[s] : randomName(rng);
            while (!used.add(name)) {
                name = randomName(rng);
            }
            names[s] = name;
            // a well-known ticker near its reference price; others log-uniform between $5 and $500; one symbol
            // (with a random name) priced like BRK.A, above 2^31 ticks
            double u = rng.nextDouble();
            double dollars = s == highPriced ? 250_000 + u * 150_000
                : wellKnown ? WELL_KNOWN_DOLLARS[s] * (0.9 + 0.2 * u)
                : StrictMath.exp(StrictMath.log(5) + u * (StrictMath.log(500) - StrictMath.log(5)));
            long price = Math.max(CENT, Math.round(dollars * 100) * CENT);
            mid[s] = price;
            anchor[s] = price;
            step[s] = Math.max(CENT, price / 2000 / CENT * CENT);
        }
        aliasThreshold = new long[count];
        alias = new int[count];
        buildAlias();
    }

    private static String randomName(SplitMix64 rng) {
        int r = rng.nextInt(100);
        int length = r < 1 ? 1 : r < 6 ? 2 : r < 36 ? 3 : r < 88 ? 4 : r < 98 ? 5 : 6 + rng.nextInt(3);
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = (char) ('A' + rng.nextInt(26));
        }
        return new String(c);
    }

    /** Vose's alias method with weights 1/(rank+1)^1.1; thresholds scaled to 2^32. */
    private void buildAlias() {
        double[] p = new double[count];
        double sum = 0;
        for (int s = 0; s < count; s++) {
            p[s] = 1.0 / StrictMath.pow(s + 1, ZIPF_EXPONENT);
            sum += p[s];
        }
        int[] small = new int[count];
        int[] large = new int[count];
        int ns = 0;
        int nl = 0;
        for (int s = 0; s < count; s++) {
            p[s] = p[s] * count / sum;
            if (p[s] < 1.0) {
                small[ns++] = s;
            } else {
                large[nl++] = s;
            }
        }
        while (ns > 0 && nl > 0) {
            int l = small[--ns];
            int g = large[--nl];
            aliasThreshold[l] = (long) (p[l] * 0x1.0p32);
            alias[l] = g;
            p[g] = p[g] + p[l] - 1.0;
            if (p[g] < 1.0) {
                small[ns++] = g;
            } else {
                large[nl++] = g;
            }
        }
        while (nl > 0) {
            aliasThreshold[large[--nl]] = 1L << 32;
        }
        while (ns > 0) {
            aliasThreshold[small[--ns]] = 1L << 32;
        }
    }

    /** A symbol index drawn from the skewed activity distribution. */
    int pick(SplitMix64 rng) {
        long r = rng.nextLong();
        int s = (int) (((r >>> 32) * count) >>> 32);
        return (r & 0xFFFF_FFFFL) < aliasThreshold[s] ? s : alias[s];
    }

    /** One step of the fair price's random walk, pulled back when it strays more than 3% from its anchor. */
    void walk(int s, SplitMix64 rng) {
        long m = mid[s];
        long band = anchor[s] * 3 / 100; // a typical large-cap day's high-low range is 1-3%
        long d = step[s];
        if (m > anchor[s] + band) {
            m -= d;
        } else if (m < anchor[s] - band) {
            m += d;
        } else {
            m += rng.nextBoolean() ? d : -d;
        }
        mid[s] = Math.min(MAX_PRICE, Math.max(CENT, m));
    }

    /** A limit price on {@code side} near the mid: best levels most likely; always positive. */
    long quote(int s, byte side, SplitMix64 rng) {
        long ticks = 1 + Math.min(rng.nextInt(20), rng.nextInt(20));
        long p = side == 'B' ? mid[s] - ticks * CENT : mid[s] + ticks * CENT;
        return Math.min(MAX_PRICE, Math.max(CENT, p));
    }

    /** A plausible order size: mostly round lots, some odd lots and blocks; 1-10 for the high-priced one. */
    long shares(int s, SplitMix64 rng) {
        if (s == highPriced) {
            return 1 + rng.nextInt(10);
        }
        int r = rng.nextInt(100);
        if (r < 70) {
            return 100L * (1 + rng.nextInt(5));
        } else if (r < 85) {
            return 1 + rng.nextInt(99);
        } else if (r < 97) {
            return 100L * (5 + rng.nextInt(46));
        }
        return 100L * (50 + rng.nextInt(951));
    }
}
