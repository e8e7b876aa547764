package io.tickjournal.verify;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code tickjournal verify} found: per check, a one-line summary of what was checked, the
 * number of problems and the first few of them (with journal index, file position or symbol);
 * warnings that are not problems (an incomplete last excerpt); the reference engine's digest.
 */
public final class VerifyReport {
    /** The checks, in the order they are printed. */
    public enum Check {
        INTEGRITY("integrity"), SEQUENCE("sequence"), READER("reader"), CROSS_CHECK("cross-check"),
        STATE("state"), EXPECT("expect");

        final String label;

        Check(String label) {
            this.label = label;
        }
    }

    /**
     * One problem or warning. {@code index} is the journal index (-1 when none), {@code file} and
     * {@code offset} the position of the record in its cycle file (null / -1 when none),
     * {@code symbol} the symbol concerned ("" when none).
     */
    public record Finding(Check check, long index, Path file, long offset, String symbol, String text) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (index >= 0) {
                sb.append("index ").append(index).append(" (cycle ").append(index >>> 32).append(" #")
                        .append(index & 0xFFFF_FFFFL).append(')');
            }
            if (file != null) {
                sb.append(sb.length() > 0
                        ? " " : "").append("at ").append(file.getFileName()).append(" byte ").append(offset);
            }
            if (!symbol.isEmpty()) {
                sb.append(sb.length() > 0 ? " " : "").append("symbol ").append(symbol);
            }
            return sb.append(sb.length() > 0 ? ": " : "").append(text).toString();
        }
    }

    /** Problems kept in full per check; the rest are only counted. */
    public static final int KEPT = 10;
    private static final int PRINTED = 5;

    private final Path journal;
    private final Map<Check, String> summaries = new EnumMap<>(Check.class);
    private final Map<Check, Long> counts = new EnumMap<>(Check.class);
    private final Map<Check, List<Finding>> findings = new EnumMap<>(Check.class);
    private final List<Finding> warnings = new ArrayList<>();
    private String digest = "";

    VerifyReport(Path journal) {
        this.journal = journal;
    }

    void problem(Finding f) {
        counts.merge(f.check(), 1L, Long::sum);
        List<Finding> kept = findings.computeIfAbsent(f.check(), c -> new ArrayList<>());
        if (kept.size() < KEPT) {
            kept.add(f);
        }
    }

    void warning(Finding f) {
        warnings.add(f);
    }

    void summary(Check check, String text) {
        summaries.put(check, text);
    }

    void digest(String hex) {
        digest = hex;
    }

    /** True when no check found a problem (warnings do not count). */
    public boolean ok() {
        return counts.isEmpty();
    }

    /** Problems found by {@code check}. */
    public long problems(Check check) {
        return counts.getOrDefault(check, 0L);
    }

    /** The first {@link #KEPT} problems of {@code check}, in the order found. */
    public List<Finding> findings(Check check) {
        return findings.getOrDefault(check, List.of());
    }

    public List<Finding> warnings() {
        return warnings;
    }

    /** The checks that ran. */
    public boolean ran(Check check) {
        return summaries.containsKey(check);
    }

    /** The determinism digest (docs/journal-format.md) of the reference engine's bars and state. */
    public String referenceDigest() {
        return digest;
    }

    /** Prints the report: one line per check that ran, its first problems indented below it. */
    public void print(PrintStream out) {
        out.println("verify       " + journal);
        for (Check c : Check.values()) {
            String summary = summaries.get(c);
            if (summary == null) {
                continue;
            }
            long n = problems(c);
            out.printf("%-12s %-8s %s%n", c.label, n == 0 ? "ok" : "PROBLEM", summary);
            List<Finding> kept = findings(c);
            for (int i = 0; i < Math.min(PRINTED, kept.size()); i++) {
                out.println("             - " + kept.get(i));
            }
            if (n > Math.min(PRINTED, kept.size())) {
                out.printf("             ... %,d more%n", n - Math.min(PRINTED, kept.size()));
            }
        }
        for (Finding w : warnings) {
            out.println("warning      " + w + " (not fatal)");
        }
        if (!digest.isEmpty()) {
            out.println("digest       " + digest + " (reference engine)");
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        out.println("result       " + (total == 0 ? "OK" : String.format("%,d problem%s found", total,
                total == 1 ? "" : "s")));
    }
}
