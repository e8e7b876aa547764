package io.tickjournal.replay;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickjournal.TickjournalException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a replay's stage latencies with a saved summary ({@code replay --summary-json FILE}):
 * a percentile regresses when it is more than {@code factor} times its baseline value and more
 * than {@value #MIN_DIFFERENCE_NS} ns above it (differences of a few nanoseconds are clock noise,
 * not regressions). Compared: p50, p90, p99 and p99.9 of every stage present in both, each only
 * where both summaries hold at least {@value #MIN_SAMPLES_BEYOND} samples beyond it (p99.9 needs
 * 10,000 samples, p99 1,000): a percentile of fewer samples is the one slowest sample, noise
 * rather than a measurement. p99.99 and max rest on a handful of samples and are shown, not judged.
 */
public final class LatencyBaseline {
    static final long MIN_DIFFERENCE_NS = 1_000;
    static final int MIN_SAMPLES_BEYOND = 10;
    private static final List<String> JUDGED = List.of("p50", "p90", "p99", "p999");
    /** The share of samples beyond each judged percentile. */
    private static final double[] TAIL = {0.5, 0.1, 0.01, 0.001};

    private final Path file;
    private final Map<String, Map<String, Long>> stages;

    private LatencyBaseline(Path file, Map<String, Map<String, Long>> stages) {
        this.file = file;
        this.stages = stages;
    }

    /**
     * Reads the {@code latency_ns} object of a JSON summary: one object per stage, of which the
     * integer entries are kept ({@code p50 p90 p99 p999 p9999 max count}).
     */
    public static LatencyBaseline read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JacksonException e) {
            throw new TickjournalException(file + ": not a JSON summary (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
        JsonNode latency = root == null ? null : root.get("latency_ns");
        if (latency == null) {
            throw new TickjournalException(file + ": not a replay summary with latencies (no \"latency_ns\"; "
                    + "write one with replay --latency --summary-json FILE)");
        }
        Map<String, Map<String, Long>> stages = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> stage : latency.properties()) {
            if (stage.getValue().isObject()) {
                Map<String, Long> values = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> v : stage.getValue().properties()) {
                    if (v.getValue().isIntegralNumber() && v.getValue().canConvertToLong()) {
                        values.put(v.getKey(), v.getValue().longValue());
                    }
                }
                stages.put(stage.getKey(), values);
            }
        }
        if (stages.isEmpty()) {
            throw new TickjournalException(file + ": the summary holds no stage latencies");
        }
        return new LatencyBaseline(file, stages);
    }

    /** One line per regressed percentile; empty when none regressed. */
    public List<String> regressions(Map<String, StageLatency.Percentiles> current, double factor) {
        if (!(factor >= 1)) {
            throw new TickjournalException("--regression-factor must be at least 1, got " + factor);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, StageLatency.Percentiles> e : current.entrySet()) {
            Map<String, Long> base = stages.get(e.getKey());
            if (base == null) {
                continue;
            }
            Map<String, Long> now = e.getValue().byName();
            long baseCount = base.getOrDefault("count", Long.MAX_VALUE); // older summaries: no count
            long count = e.getValue().count();
            for (int i = 0; i < JUDGED.size(); i++) {
                String p = JUDGED.get(i);
                Long b = base.get(p);
                Long c = now.get(p);
                boolean enough = Math.min(baseCount, count) * TAIL[i] >= MIN_SAMPLES_BEYOND;
                if (enough && b != null && c != null && c > factor * b && c - b > MIN_DIFFERENCE_NS) {
                    out.add(String.format("%s %s: %,d ns against %,d ns in %s (x%.1f, limit x%.1f)",
                            e.getKey(), p, c, b, file, (double) c / Math.max(1, b), factor));
                }
            }
        }
        return out;
    }

    /** Stages in the baseline. */
    public int stages() {
        return stages.size();
    }
}
