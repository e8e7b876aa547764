package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.ingest.BinaryFileIngestor;
import io.tickjournal.ingest.ImportReport;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.replay.FloorBenchmark;
import io.tickjournal.replay.Pace;
import io.tickjournal.replay.ReplayRange;
import io.tickjournal.replay.ReplaySummary;
import io.tickjournal.replay.Replayer;
import io.tickjournal.replay.LiveLatency;
import io.tickjournal.replay.SchedulerTime;
import io.tickjournal.replay.Stalls;
import io.tickjournal.replay.StageLatency;
import io.tickjournal.storage.NoSpaceException;
import io.tickjournal.storage.OwnerLock;
import io.tickjournal.storage.SpaceGuard;
import io.tickjournal.vwap.VwapEngine;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code tickjournal bench}: end-to-end throughput on one generated day, side by side with the
 * floor (a plain Chronicle Queue append/read loop of the same excerpt bytes) and with the peers a
 * user would otherwise pick on the same file (nassau's BinaryFILEReader framing, juncture's
 * ITCH50Parser); replay with 1 and 2 shards; and end-to-end latency of paced replays at about
 * 100k and 1M messages/s. Each throughput stage runs {@code --runs} times and the median is
 * reported, since this machine is shared and noisy. See docs/benchmarks.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure import and replay messages/s against the Chronicle Queue floor and against "
                + "juncture/nassau",
                "on a generated day, replay with 2 shards, paced end-to-end latency, and the tailer's allocation per",
                "message after warm-up."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--messages", defaultValue = "10000000", paramLabel = "N",
            description = "messages in the day (default: ${DEFAULT-VALUE})")
    long messages;

    @Option(names = "--symbols", defaultValue = "500", paramLabel = "N",
            description = "symbols (default: ${DEFAULT-VALUE})")
    int symbols;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S",
            description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
            description = "runs per stage, median reported (default: ${DEFAULT-VALUE})")
    int runs;

    /** Each stage's run rates in run order (for --out and the replay lines), filled by {@link #medianOf}. */
    private final Map<String, List<Long>> runRates = new LinkedHashMap<>();

    /** The ratios of alternated pairs in run order, by the second stage's name (filled by {@link #alternated}). */
    private final Map<String, List<Double>> pairRatios = new LinkedHashMap<>();

    /**
     * Replays' first worker thread's CPU ns a message of the day in run order, by stage name (filled by
     * {@link #replayOnce}); with 2 shards, shard 0's.
     */
    private final Map<String, List<Double>> cpuPerMessage = new LinkedHashMap<>();

    @Option(names = "--dir", paramLabel = "DIR",
            description = "work directory (default: target/bench under the project)")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE.json", description = "also write the results as JSON")
    Path out;

    @Option(names = "--latency-seconds", defaultValue = "3", paramLabel = "S",
            description = "wall seconds each paced latency run aims for (default: ${DEFAULT-VALUE})")
    double latencySeconds;

    @Option(names = "--warmup-seconds", defaultValue = "2", paramLabel = "S",
            description = "live path: wall seconds of messages before the measured ones, reported apart as the "
                    + "first seconds (default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--stages", split = ",", paramLabel = "STAGE",
            description = "stages to run, comma-separated, of import, replay, peers, paced, live, and the "
                    + "comparison inline-writes (one-shard replays that append bars and write the map on the "
                    + "replay thread, against the default: bars and state threads); each needs the journal the "
                    + "import stage writes, which a run without it keeps from an earlier one "
                    + "(default: import,replay,peers,paced,live)")
    Set<String> stages;

    @Option(names = "--live-idle", defaultValue = "spin", paramLabel = "spin|backoff",
            description = "live path: the tailer, caught up, spins (spin) or spins, yields, then parks 1-50 us "
                    + "(backoff) (default: ${DEFAULT-VALUE})")
    String liveIdle;

    /** The stages of a plain {@code bench}, in run order. */
    private static final List<String> STAGES = List.of("import", "replay", "peers", "paced", "live");
    /**
     * Comparisons {@code --stages} can name besides {@link #STAGES}: a replay design choice against
     * the one it replaced, alternated one-shard replays (run after the replay stage).
     */
    private static final List<String> COMPARISONS = List.of("inline-writes");
    /** In the work directory: the name of the day file its journal was imported from, once that import ended. */
    private static final String JOURNAL_DAY = "journal.day";

    /** Paced rates of the latency runs, messages/s, and their JSON keys. */
    private static final long[] PACED_RATES = {100_000, 1_000_000};
    private static final String[] PACED_KEYS = {"100k", "1m"};

    @Override
    public Integer call() throws IOException {
        Cli.requirePositive("--messages", messages);
        Cli.requirePositive("--runs", runs);
        Cli.requirePositiveSeconds("--latency-seconds", latencySeconds);
        Cli.requireSeconds("--warmup-seconds", warmupSeconds);
        List<String> known = new ArrayList<>(STAGES);
        known.addAll(COMPARISONS);
        if (stages == null) {
            stages = Set.copyOf(STAGES);
        } else if (!known.containsAll(stages)) {
            throw new TickjournalException("--stages: expected some of " + String.join(",", known) + ", got "
                    + String.join(",", stages));
        }
        liveIdle(); // bad options are refused before the day is generated or any stage runs
        Path work = dir != null ? dir : Demo.home().resolve("target").resolve("bench");
        // One bench per work directory: a second one would delete and rewrite the first's journal and state
        // under it (both then printed numbers of nothing in particular, exit 0).
        try (OwnerLock lock = OwnerLock.acquire(work, "bench work directory")) {
            return measure(work);
        }
    }

    /**
     * Refuses to replay a journal that is not of this run's day: the work directory keeps one journal,
     * of the day its last import stage wrote, named in {@link #JOURNAL_DAY} once that stage ended.
     * Without the check, {@code --stages replay} after an import of another {@code --messages} (or
     * {@code --symbols}, {@code --seed}, generator) replayed that other day, or the part of one an
     * interrupted import had written, and reported it as this one.
     */
    private static void requireJournalOf(Path itch, Path journal, Path journalDay) throws IOException {
        String day = itch.getFileName().toString();
        String imported = Files.isDirectory(journal) && Files.isRegularFile(journalDay)
                ? Files.readString(journalDay).trim() : "";
        if (imported.isEmpty()) {
            throw new TickjournalException(journal.getParent() + ": no journal from an earlier import stage to replay"
                    + " (an import stopped before its end, or by an older version, is not reused); add import to"
                    + " --stages");
        }
        if (!imported.equals(day)) {
            throw new TickjournalException(journal + " holds the day " + imported + ", not this run's " + day
                    + " (--messages, --symbols, --seed or the generator differ); add import to --stages");
        }
    }

    /** Generates (or reuses) the day in {@code work}, which this process owns, and runs the stages. */
    private int measure(Path work) throws IOException {
        boolean readsJournal = stages.contains("replay") || stages.contains("paced")
                || COMPARISONS.stream().anyMatch(stages::contains);
        // Keyed by the generator's code too: a day cached by an older generator is not reused.
        Path itch = work.resolve("day-" + messages + "-" + symbols + "-" + seed + "-g" + GeneratorFingerprint.of()
                + ".itch");
        Path journal = work.resolve("journal");
        Path journalDay = work.resolve(JOURNAL_DAY);
        if (readsJournal && !stages.contains("import")) {
            requireJournalOf(itch, journal, journalDay);
        }
        if (!Files.exists(itch)) {
            System.err.printf("bench: generating %,d messages into %s%n", messages, itch);
            // Written aside and moved in whole: a bench stopped while generating leaves no partial day behind.
            Path partial = work.resolve(itch.getFileName() + ".partial");
            try {
                new ItchDayGenerator(symbols, messages, seed).writeBinaryFile(partial);
            } catch (RuntimeException e) {
                Files.deleteIfExists(partial); // a full disk: not left fuller
                throw e;
            }
            Files.move(partial, itch, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        requireSpace(work, Files.size(itch), readsJournal);
        System.err.printf("bench: %s, %d runs per stage%n", itch, runs);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("messages", messages);
        results.put("bytes", Files.size(itch));

        // Import and its floor alternate, run by run, as do the two replays below: on a shared machine whose
        // speed moves by a third, only ratios of neighbouring runs say something (the median of the pairs').
        Path floorDir = work.resolve("floor");
        double[] importVsFloor = {Double.NaN, Double.NaN, Double.NaN};
        double floorRead = Double.NaN;
        if (stages.contains("import")) {
            Files.deleteIfExists(journalDay); // until the imports below have ended, the journal is of no day
            importVsFloor = alternated("floor_append", () -> {
                delete(floorDir);
                return timed(() -> FloorBenchmark.append(itch, floorDir));
            }, "import", () -> {
                delete(journal);
                return timed(() -> {
                    try (SingleChronicleQueue q = Journal.openForWrite(journal);
                         JournalWriter w = new JournalWriter(q, 0)) {
                        ImportReport r = new BinaryFileIngestor().importFile(itch, w, null);
                        return r.messages();
                    }
                });
            });
            Files.writeString(journalDay, itch.getFileName() + "\n");
            long[] sum = new long[1];
            floorRead = median("floor_read", () -> timed(() -> FloorBenchmark.read(floorDir, sum)));
            delete(floorDir);
        }
        double floorAppend = importVsFloor[0];
        double importRate = importVsFloor[1];

        double nassauRate = Double.NaN;
        double junctureRate = Double.NaN;
        if (stages.contains("peers")) {
            nassauRate = median("nassau_framing", () -> timed(() -> BenchPeers.nassauFraming(itch)));
            junctureRate = median("juncture_parse", () -> timed(() -> BenchPeers.junctureParse(itch)));
        }

        Path state = work.resolve("state");
        ReplaySummary[] last = new ReplaySummary[1];
        double[] shards = {Double.NaN, Double.NaN, Double.NaN};
        if (stages.contains("replay")) {
            shards = alternated("replay", () -> replayOnce(journal, state, 1, null, last, "replay"),
                    "replay_2shards", () -> replayOnce(journal, state, 2, null, last, "replay_2shards"));
        }
        double replayRate = shards[0];
        double replay2Rate = shards[1];
        // Each comparison: the default one-shard replay (a) against the same with one helper thread's work
        // done inline (b), alternated; keyed replay_<name>_base and replay_<name>.
        Map<String, double[]> compared = new LinkedHashMap<>();
        for (String c : COMPARISONS) {
            if (stages.contains(c)) {
                String key = "replay_" + c.replace('-', '_');
                compared.put(c, alternated(key + "_base",
                        () -> replayOnce(journal, state, 1, null, last, key + "_base"), key,
                        () -> replayOnce(journal, state, 1, c, last, key)));
            }
        }

        Map<String, Object> latency = stages.contains("paced") ? pacedLatency(itch, journal, state)
                : new LinkedHashMap<>();
        Map<String, Object> live = new LinkedHashMap<>();
        Map<String, Object> liveWarmUp = new LinkedHashMap<>();
        Map<String, LiveLatency.Result> liveRuns = new LinkedHashMap<>();
        for (int i = 0; i < PACED_RATES.length && stages.contains("live"); i++) {
            int count = (int) Math.max(1, Math.round(PACED_RATES[i] * latencySeconds));
            int warmUp = (int) Math.max(0, Math.round(PACED_RATES[i] * warmupSeconds));
            System.err.printf("bench: live latency, appender -> tailer -> map at %,d msg/s (%,d messages after a "
                    + "warm-up of %,d)%n", PACED_RATES[i], count, warmUp);
            LiveLatency.Result r = LiveLatency.run(itch, work, PACED_RATES[i], warmUp, count, liveIdle());
            if (r.steady().count() < count) {
                System.err.printf("bench: the day holds %,d messages after the live warm-up at %,d msg/s, not the %,d"
                        + " asked for; a longer --messages day or a shorter --warmup-seconds measures them all%n",
                        r.steady().count(), PACED_RATES[i], count);
            }
            Map<String, Object> row = latencyRow(PACED_RATES[i], r.steady());
            row.put("tail", tail(r));
            live.put(PACED_KEYS[i], row);
            liveWarmUp.put(PACED_KEYS[i], latencyRow(PACED_RATES[i], r.warmUp()));
            liveRuns.put(PACED_KEYS[i], r);
        }

        putRate(results, "floor_append_mps", floorAppend);
        putRate(results, "floor_read_mps", floorRead);
        putRate(results, "import_mps", importRate);
        putRate(results, "replay_mps", replayRate);
        putRate(results, "replay_2shards_mps", replay2Rate);
        for (Map.Entry<String, double[]> c : compared.entrySet()) {
            String key = "replay_" + c.getKey().replace('-', '_');
            putRate(results, key + "_base_mps", c.getValue()[0]);
            putRate(results, key + "_mps", c.getValue()[1]);
        }
        putRate(results, "juncture_parse_mps", junctureRate);
        putRate(results, "nassau_framing_mps", nassauRate);
        results.put("latency_ns", live);
        results.put("latency_warmup_ns", liveWarmUp);
        results.put("warmup_seconds", warmupSeconds);
        results.put("live_idle", liveIdle);
        results.put("replay_paced_latency_ns", latency);
        results.put("runs_mps", runRates);
        results.put("pair_ratios", pairRatios);
        results.put("replay_thread_cpu_ns_per_msg", cpuPerMessage);
        if (last[0] != null) {
            results.put("replay_alloc_bytes_per_msg_after_warmup", last[0].allocatedBytesPerMessage());
            results.put("replay_digest", last[0].digest());
        }
        results.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.put("cpus", Runtime.getRuntime().availableProcessors());

        System.out.printf("%-40s %14s %10s %12s%n", "stage", "msg/s", "vs floor", "vs juncture");
        printRow("floor: queue append (no decode)", floorAppend, "1.00", "");
        printRow("import: file -> journal", importRate, ratio(importVsFloor[2], 1), "");
        printRow("floor: queue read (no decode)", floorRead, "1.00", "");
        printRow("replay 1 shard: books+VWAP+map+bars", replayRate, ratio(replayRate, floorRead),
                ratio(replayRate, junctureRate));
        printRow("replay 2 shards", replay2Rate, ratio(replay2Rate, floorRead), ratio(replay2Rate, junctureRate));
        for (Map.Entry<String, double[]> c : compared.entrySet()) {
            printRow("replay 1 shard (default)", c.getValue()[0], ratio(c.getValue()[0], floorRead), "");
            printRow("replay 1 shard, " + c.getKey(), c.getValue()[1], ratio(c.getValue()[1], floorRead), "");
        }
        printRow("peer: nassau BinaryFILEReader framing", nassauRate, "", "");
        printRow("peer: juncture ITCH50Parser parse only", junctureRate, "", "1.00");
        if (runRates.containsKey("replay")) {
            // Every run is in one JVM: the first replay run of each kind pays for compiling the replay
            // code (and the first touch of its memory) as a cold `tickjournal replay` does; later runs
            // show the steady state.
            System.out.printf(
                    "%nreplay runs in order (msg/s; the first is JIT-cold, as a one-off `tickjournal replay`):%n");
            System.out.printf("  1 shard  %s%n  2 shards %s%n", runList(runRates.get("replay")),
                    runList(runRates.get("replay_2shards")));
        }
        printShardScaling();
        System.out.printf("%nalternated pairs, ratio of each pair (median):%n");
        if (pairRatios.containsKey("import")) {
            System.out.printf("  import / floor append  %s (%s)%n", ratioList(pairRatios.get("import")),
                    ratio(importVsFloor[2], 1));
        }
        if (pairRatios.containsKey("replay_2shards")) {
            System.out.printf("  2 shards / 1 shard     %s (%s)%n", ratioList(pairRatios.get("replay_2shards")),
                    ratio(shards[2], 1));
        }
        for (Map.Entry<String, double[]> c : compared.entrySet()) {
            String key = "replay_" + c.getKey().replace('-', '_');
            System.out.printf("  %s / default: runs %s; %s%n    pairs %s (%s)%n", c.getKey(),
                    runList(runRates.get(key + "_base")), runList(runRates.get(key)), ratioList(pairRatios.get(key)),
                    ratio(c.getValue()[2], 1));
            List<Double> a = cpuPerMessage.getOrDefault(key + "_base", List.of());
            List<Double> b = cpuPerMessage.getOrDefault(key, List.of());
            if (a.size() == b.size() && !a.isEmpty()) {
                double[] r = new double[a.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = b.get(i) / a.get(i);
                }
                System.out.printf("    replay thread CPU ns/message %s; %s, pairs' median %s%n", a, b,
                        ratio(medianOf(null, r), 1));
            }
        }
        printLatency("paced", "replayed from the journal, ns: intended time -> map", latency);
        printLatency("live", "appender -> tailer -> map, ns: intended append -> map; after the warm-up", live);
        printLatency("warmup", String.format("the same, the first %.1f s (JIT, first touch)", warmupSeconds),
                liveWarmUp);
        liveRuns.forEach((rate, r) -> {
            if (r.steady().count() > 0) { // a day too short for the rate was said when it ran
                printTail(rate, r);
            }
        });
        if (last[0] != null) {
            System.out.printf("replay allocation after warm-up: %.4f bytes/message (tailer thread)%n",
                    last[0].allocatedBytesPerMessage());
            System.out.printf("machine: %d CPUs, %s; tailer %s%n", Runtime.getRuntime().availableProcessors(),
                    results.get("java"), last[0].pinning());
        }
        if (out != null) {
            Files.writeString(out, JsonOutput.write(results) + "\n");
            System.out.println("results: " + out);
        }
        return TickjournalCommand.OK;
    }

    /** The live tailer's idle strategy named by {@code --live-idle}. */
    private IdleStrategy liveIdle() {
        return switch (liveIdle) {
            case "spin" -> new BusySpinIdleStrategy();
            case "backoff" -> new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1),
                    TimeUnit.MICROSECONDS.toNanos(50));
            default -> throw new TickjournalException("--live-idle: expected spin or backoff, got " + liveIdle);
        };
    }

    /** Puts a stage's rate, rounded, unless the stage did not run (NaN). */
    private static void putRate(Map<String, Object> results, String key, double rate) {
        if (!Double.isNaN(rate)) {
            results.put(key, Math.round(rate));
        }
    }

    /** Prints one stage's row of the table, unless the stage did not run (NaN). */
    private static void printRow(String label, double rate, String vsFloor, String vsJuncture) {
        if (!Double.isNaN(rate)) {
            System.out.printf("%-40s %,14.0f %10s %12s%n", label, rate, vsFloor, vsJuncture);
        }
    }

    private static Map<String, Object> latencyRow(long rate, StageLatency.Percentiles p) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("paced_mps", rate);
        l.put("messages", p.count());
        l.putAll(p.byName());
        l.remove("p90");
        return l;
    }

    /**
     * What the live path's tail after the warm-up is made of: its stalls (runs of messages later than
     * {@link LiveLatency#STALL_NS}) and what each thread lost to the scheduler and the collector meanwhile.
     */
    private static Map<String, Object> tail(LiveLatency.Result r) {
        Map<String, Object> t = new LinkedHashMap<>();
        Stalls s = r.stalls();
        t.put("stall_threshold_ns", s.thresholdNs());
        t.put("stalls", s.count());
        t.put("longest_stall_ns", s.longestNs());
        t.put("stall_ms_per_second", r.stallMsPerSecond());
        t.put("appender_stalls", r.appenderStalls().count());
        t.put("appender_stall_ms_per_second", r.appenderStallMsPerSecond());
        putThread(t, "appender", r.appender());
        putThread(t, "tailer", r.tailer());
        t.put("gc_pause_ms", r.gcPauseMs());
        if (r.others() != null) {
            t.put("others_cpu_ms", r.others());
        }
        t.put("measured_seconds", r.measuredSeconds());
        return t;
    }

    private static void putThread(Map<String, Object> t, String name, SchedulerTime time) {
        if (time != null) {
            t.put(name + "_run_ms", time.runNs() / 1_000_000);
            t.put(name + "_runnable_wait_ms", time.waitNs() / 1_000_000);
        }
    }

    /** A rate's line: the stalls against the p99's budget, and where the threads' time went meanwhile. */
    private static void printTail(String rate, LiveLatency.Result r) {
        Stalls s = r.stalls();
        StringBuilder threads = new StringBuilder();
        appendThread(threads, "appender", r.appender());
        appendThread(threads, "tailer", r.tailer());
        System.out.printf("%-6s tail: %,d stalls over %,d us in %.1f s (longest %.1f ms), %.1f ms a second; the"
                        + " appender itself that late %,d times, %.1f ms a second%s; GC pauses %,d ms%n", rate,
                s.count(), s.thresholdNs() / 1000, r.measuredSeconds(), s.longestNs() / 1e6, r.stallMsPerSecond(),
                r.appenderStalls().count(), r.appenderStallMsPerSecond(), threads, r.gcPauseMs());
        if (r.others() != null) {
            String rest = r.others().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                    .map(x -> String.format("%s %,d", x.getKey(), x.getValue())).collect(Collectors.joining(", "));
            System.out.printf("%-6s meanwhile, CPU ms of the rest: %s%n", "", rest);
        }
    }

    private static void appendThread(StringBuilder out, String name, SchedulerTime time) {
        if (time != null) {
            out.append(String.format("; %s ran %,d ms, runnable but waiting for a CPU %,d ms", name,
                    time.runNs() / 1_000_000, time.waitNs() / 1_000_000));
        }
    }

    private static void printLatency(String title, String caption, Map<String, Object> byRate) {
        if (byRate.isEmpty()) {
            return;
        }
        System.out.printf("%n%-6s %10s %12s %9s %9s %9s %9s %11s  (%s)%n", title, "messages", "rate msg/s", "p50",
                "p99",
                "p99.9", "p99.99", "max", caption);
        for (Map.Entry<String, Object> e : byRate.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> l = (Map<String, Object>) e.getValue();
            System.out.printf("%-6s %,10d %,12d %,9d %,9d %,9d %,9d %,11d%n", e.getKey(), l.get("messages"),
                    l.get("paced_mps"), l.get("p50"), l.get("p99"), l.get("p999"), l.get("p9999"), l.get("max"));
        }
    }

    /** Replay options sized for the day (as an operator sizes for a known feed): no capacity growth after warm-up. */
    private Replayer.Options options(Path journal, Path state, ReplayRange range, Pace pace, int shards,
            boolean latency) {
        return options(journal, state, range, pace, shards, latency, null);
    }

    /** The same, with {@code inline} ("inline-writes" or null) done on the replay thread. */
    private Replayer.Options options(Path journal, Path state, ReplayRange range, Pace pace, int shards,
            boolean latency, String inline) {
        int expected = (int) Math.min(Integer.MAX_VALUE / 4, messages / 2);
        return new Replayer.Options(journal, state, VwapEngine.DEFAULT_WINDOW_MS, CorePinning.Mode.AUTO, true,
                Math.max(1 << 16, expected / 8), Math.max(1 << 16, expected), range, Set.of(), pace, false, shards,
                latency, 64, null, "inline-writes".equals(inline));
    }

    /**
     * One unpaced replay of the whole day with {@code shards} shards and {@code inline} as {@link #options}
     * says; its rate. Checks that its digest is the one before; a one-shard replay's summary is kept in
     * {@code last[0]} and its thread's CPU a message under {@code stage}.
     */
    private double replayOnce(Path journal, Path state, int shards, String inline, ReplaySummary[] last,
                              String stage) {
        // A full collection first (not timed), so that no run pays for the garbage of the one before: without
        // it the heap grew into new memory through the first runs, and making a worker's tables took
        // 276-636 ms in the first 3-4 of 8 runs (5-18 ms after), against 20-75 ms in every run with it
        // (docs/benchmarks.md).
        System.gc();
        ReplaySummary s = Replayer.run(options(journal, state, ReplayRange.ALL, Pace.MAX, shards, false, inline),
                line -> { });
        if (last[0] != null && !s.digest().equals(last[0].digest())) {
            throw new IllegalStateException(shards + "-shard replay digest " + s.digest() + " != " + last[0].digest());
        }
        if (shards == 1) {
            last[0] = s;
        }
        if (s.workerCpuSeconds() >= 0 && s.messages() > 0) {
            cpuPerMessage.computeIfAbsent(stage, k -> new ArrayList<>())
                    .add(Math.round(s.workerCpuSeconds() * 1e10 / s.messages()) / 10.0);
        }
        return s.messagesPerSecond();
    }

    /**
     * One paced replay per rate of {@link #PACED_RATES}: an event-time window of the regular-hours
     * flow holding rate x {@code --latency-seconds} messages, replayed at the pace that gives that
     * rate; the {@code e2e} percentiles (from intended time, so coordinated-omission corrected).
     */
    private Map<String, Object> pacedLatency(Path itch, Path journal, Path state) {
        long[] counts = new long[PACED_RATES.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.max(1, Math.round(PACED_RATES[i] * latencySeconds));
        }
        long[][] windows = BenchPeers.pacedWindows(itch, counts);
        Map<String, Object> latency = new LinkedHashMap<>();
        for (int i = 0; i < PACED_RATES.length; i++) {
            long from = windows[i][0];
            long to = windows[i][1];
            long inWindow = windows[i][2];
            if (from < 0 || inWindow == 0) {
                System.err.printf("bench: no regular-hours messages for the %s paced run; skipped%n", PACED_KEYS[i]);
                continue;
            }
            double wallSeconds = inWindow / (double) PACED_RATES[i];
            double speed = (to - from) / 1e9 / wallSeconds;
            ReplaySummary s = Replayer.run(options(journal, state, new ReplayRange(from, to, Long.MIN_VALUE,
                    Long.MAX_VALUE), new Pace(speed), 1, true), line -> { });
            StageLatency.Percentiles e2e = s.latency().get(StageLatency.Stage.E2E.label());
            if (e2e == null) {
                throw new IllegalStateException("paced replay reported no e2e latency");
            }
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("from", time(from));
            l.put("to", time(to));
            l.put("pace", "x" + String.format(Locale.ROOT, "%.3f", speed));
            l.put("messages", inWindow);
            l.put("measured", e2e.count());
            l.put("paced_mps", Math.round(inWindow / ((to - from) / 1e9 / speed)));
            l.put("p50", e2e.p50());
            l.put("p99", e2e.p99());
            l.put("p999", e2e.p999());
            l.put("p9999", e2e.p9999());
            l.put("max", e2e.max());
            latency.put(PACED_KEYS[i], l);
        }
        return latency;
    }

    private static String time(long ns) {
        long sec = ns / 1_000_000_000L;
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%09d", sec / 3600, sec / 60 % 60, sec % 60,
                ns % 1_000_000_000L);
    }

    private static String ratio(double ours, double reference) {
        if (Double.isNaN(ours) || Double.isNaN(reference)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f", ours / reference);
    }

    private static double timed(LongSupplier work) {
        long start = System.nanoTime();
        long n = work.getAsLong();
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Runs {@code a} and {@code b} alternately, {@link #runs} times each (a, b, a, b, ...), recording each one's
     * rates; returns the median rate of {@code a}, that of {@code b}, and the median of the ratios b / a of
     * each pair (recorded under {@code bName} in {@link #pairRatios}).
     */
    private double[] alternated(String aName, DoubleSupplier a, String bName, DoubleSupplier b) {
        double[] ra = new double[runs];
        double[] rb = new double[runs];
        double[] ratios = new double[runs];
        List<Double> ratioInOrder = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ra[i] = a.getAsDouble();
            rb[i] = b.getAsDouble();
            ratios[i] = rb[i] / ra[i];
            ratioInOrder.add(Math.round(ratios[i] * 1000) / 1000.0);
        }
        pairRatios.put(bName, ratioInOrder);
        return new double[] {medianOf(aName, ra), medianOf(bName, rb), medianOf(null, ratios)};
    }

    private static String ratioList(List<Double> ratios) {
        return ratios.stream().map(r -> String.format(Locale.ROOT, "%.3f", r)).collect(Collectors.joining(", "));
    }

    /** Runs a stage {@code --runs} times; keeps every run's rate, in order, under {@code stage}; returns the median. */
    private double median(String stage, DoubleSupplier run) {
        double[] rates = new double[runs];
        for (int i = 0; i < runs; i++) {
            rates[i] = run.getAsDouble();
        }
        return medianOf(stage, rates);
    }

    /** The median of {@code values} (in run order, left unchanged); kept rounded under {@code stage} unless null. */
    private double medianOf(String stage, double[] values) {
        if (stage != null) {
            runRates.put(stage, Arrays.stream(values).mapToObj(Math::round).toList());
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * Refuses to start (exit 1 and one line, as {@code import} does on a full disk) when {@code work}'s file
     * system lacks the room the stages write: the floor queue and the journal of the import stage, each about
     * 2.3 times the day's bytes (the 10M-message day: 307 MB, a 688 MB journal), and for a replay's bars and
     * map a quarter of them (that day's bars: 43 MB). The floor's append has no space guard of its own (it
     * is the bare queue loop), and a memory-mapped write the disk cannot back faults the JVM.
     */
    private void requireSpace(Path work, long dayBytes, boolean readsJournal) {
        long needed = (stages.contains("import") ? 5 * dayBytes : 0) + (readsJournal ? dayBytes / 4 : 0);
        long free = work.toFile().getUsableSpace();
        if (needed > 0 && free < needed + SpaceGuard.HEADROOM_BYTES) {
            throw new NoSpaceException(String.format("%s: %,d MB free, and the stages %s write about %,d MB;"
                    + " free space there or choose another --dir", work, free >> 20, String.join(",", stages),
                    (needed + SpaceGuard.HEADROOM_BYTES) >> 20));
        }
    }

    /**
     * The replay threads' CPU a message with 1 and 2 shards (warm runs' medians), and what they give for
     * more shards on a machine with a free core each: a shard reads every record (R ns a message) and
     * applies its share of them (A / N), so one shard is R + A and each of two R + A / 2.
     */
    private void printShardScaling() {
        List<Double> one = cpuPerMessage.get("replay");
        List<Double> two = cpuPerMessage.get("replay_2shards");
        if (one == null || two == null || one.size() < 2 || two.size() < 2) {
            return;
        }
        double c1 = medianOf(null, one.subList(1, one.size()).stream().mapToDouble(Double::doubleValue).toArray());
        double c2 = medianOf(null, two.subList(1, two.size()).stream().mapToDouble(Double::doubleValue).toArray());
        double read = 2 * c2 - c1;
        double apply = 2 * (c1 - c2);
        System.out.printf("%nreplay thread CPU ns/message, warm runs' median: 1 shard %.1f, 2 shards %.1f each"
                + " (shard 0)%n", c1, c2);
        if (read > 0 && apply > 0) {
            StringBuilder rates = new StringBuilder();
            for (int n : new int[] {1, 2, 4, 8, 16}) {
                rates.append(String.format("%s%d: %.1fM", rates.isEmpty() ? "" : ", ", n, 1e3 / (read + apply / n)));
            }
            System.out.printf("  a shard's CPU as R + A / shards (two-point fit): R = %.1f ns (every record,"
                    + " every shard), A = %.1f ns (shared out);%n  with a free core per shard (and the bars and"
                    + " state threads on further cores), msg/s: %s%n", read, apply, rates);
        }
    }

    private static String runList(List<Long> rates) {
        return rates.stream().map(r -> String.format("%,d", r)).collect(Collectors.joining(", "));
    }

    private static void delete(Path p) {
        IoUtil.delete(p.toFile(), false);
    }
}
