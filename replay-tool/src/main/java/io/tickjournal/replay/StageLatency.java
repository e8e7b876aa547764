package io.tickjournal.replay;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.SingleWriterRecorder;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tickjournal.TickjournalException;

/**
 * Latency per stage of a replay, in nanoseconds, in HdrHistograms. Each worker thread records
 * into its own {@link Recorders} (wait-free, allocation-free); the coordinating thread collects
 * interval histograms from all of them ({@link #collect()}), adds them to the run's totals and,
 * with {@code --histogram FILE.hlog}, writes each interval to a HistogramLog (one tagged
 * histogram per stage and interval) that {@code HistogramLogProcessor -tag STAGE} reads.
 *
 * <p>Stages: {@code read} (journal framing and checksum of a record, and the loop between two
 * records), {@code book} (order book operations), {@code vwap} (window upkeep, bars, counted
 * trades), {@code map} (one Chronicle Map write of a symbol's record), and {@code e2e} (paced
 * replays only: from each message's intended time, from its ITCH timestamp and the pace, until
 * its effect is in the map; measured from the intended time, so a stalled replay counts the wait
 * of every message behind the stall: coordinated omission corrected).
 */
public final class StageLatency {
    public enum Stage {
        READ, BOOK, VWAP, MAP, E2E;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Largest value tracked: one hour in ns; larger values are clamped to it. */
    static final long HIGHEST = 3_600_000_000_000L;
    private static final int DIGITS = 3;
    private static final Stage[] STAGES = Stage.values();

    /** One worker's recorders. */
    public static final class Recorders {
        private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[STAGES.length];
        /** Interval histograms handed back to the recorder they came from (HdrHistogram requires it). */
        private final Histogram[] recycled = new Histogram[STAGES.length];

        Recorders() {
            for (int i = 0; i < recorders.length; i++) {
                recorders[i] = new SingleWriterRecorder(HIGHEST, DIGITS);
            }
        }

        /** Records one value of {@code stage}; negative values (a clock step) are dropped. */
        public void record(Stage stage, long nanos) {
            if (nanos >= 0) {
                recorders[stage.ordinal()].recordValue(Math.min(nanos, HIGHEST));
            }
        }
    }

    private final List<Recorders> workers = new ArrayList<>();
    private final Histogram[] totals = new Histogram[STAGES.length];
    private final HistogramLogWriter log;
    private final PrintStream logStream;

    /** @param logFile HistogramLog to write intervals to, or null */
    public StageLatency(Path logFile) {
        for (int i = 0; i < totals.length; i++) {
            totals[i] = new Histogram(HIGHEST, DIGITS);
        }
        if (logFile == null) {
            log = null;
            logStream = null;
        } else {
            try {
                logStream = new PrintStream(logFile.toFile());
            } catch (FileNotFoundException e) {
                throw new TickjournalException(logFile + ": cannot write the histogram log: " + e.getMessage(), e);
            }
            log = new HistogramLogWriter(logStream);
            long now = System.currentTimeMillis();
            log.outputComment(
                    "tickjournal replay stage latencies in nanoseconds; one tagged histogram per stage and interval");
            log.outputLogFormatVersion();
            log.setBaseTime(now);
            log.outputBaseTime(now);
            log.outputStartTime(now);
            log.outputLegend();
        }
    }

    /** New recorders for one worker thread. */
    public synchronized Recorders newWorker() {
        Recorders r = new Recorders();
        workers.add(r);
        return r;
    }

    /** Moves what the workers recorded since the last call into the totals (and the log). */
    public synchronized void collect() {
        for (Stage stage : STAGES) {
            int i = stage.ordinal();
            Histogram interval = null;
            for (Recorders w : workers) {
                Histogram h = w.recorders[i].getIntervalHistogram(w.recycled[i]);
                w.recycled[i] = h;
                if (interval == null) {
                    interval = h.copy();
                } else {
                    interval.add(h);
                    interval.setEndTimeStamp(Math.max(interval.getEndTimeStamp(), h.getEndTimeStamp()));
                }
            }
            if (interval == null || interval.getTotalCount() == 0) {
                continue;
            }
            totals[i].add(interval);
            if (log != null) {
                interval.setTag(stage.label());
                log.outputIntervalHistogram(interval);
            }
        }
    }

    /** Closes the log (after a last {@link #collect()}). */
    public synchronized void close() {
        if (logStream != null) {
            logStream.close();
        }
    }

    /** The run's percentiles per stage that saw values, in stage order. */
    public synchronized Map<String, Percentiles> summary() {
        Map<String, Percentiles> out = new LinkedHashMap<>();
        for (Stage stage : STAGES) {
            Histogram h = totals[stage.ordinal()];
            if (h.getTotalCount() > 0) {
                out.put(stage.label(), Percentiles.of(h));
            }
        }
        return out;
    }

    /** Percentiles of one stage, in ns. */
    public record Percentiles(long count, long p50, long p90, long p99, long p999, long p9999, long max) {
        static Percentiles of(Histogram h) {
            return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99),
                            h.getMaxValue());
        }

        /** The percentiles by name, as in the JSON summary. */
        public Map<String, Long> byName() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("p50", p50);
            m.put("p90", p90);
            m.put("p99", p99);
            m.put("p999", p999);
            m.put("p9999", p9999);
            m.put("max", max);
            return m;
        }
    }
}
