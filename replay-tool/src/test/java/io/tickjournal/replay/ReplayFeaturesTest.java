package io.tickjournal.replay;

import io.tickjournal.engine.CorePinning;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.ingest.BinaryFileIngestor;
import io.tickjournal.itch.ItchEncoder;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.state.BarReader;
import io.tickjournal.state.BarRecord;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Replay controls of issue 4 on generated journals: shards, ranges, symbols, follow, pacing,
 * cancellation, latency histograms and the baseline check.
 */
@Timeout(300)
class ReplayFeaturesTest {
    private static final int SYMBOLS = 30;
    private static final long MESSAGES = 120_000;

    @TempDir
    static Path shared;
    private static Path itch;
    private static Path journal;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generateAndImport() throws IOException {
        itch = shared.resolve("day.itch");
        new ItchDayGenerator(SYMBOLS, MESSAGES, 42).writeBinaryFile(itch);
        journal = shared.resolve("journal");
        try (SingleChronicleQueue q = Journal.openForWrite(journal); JournalWriter w = new JournalWriter(q, 1)) {
            new BinaryFileIngestor().importFile(itch, w, (m, b) -> { });
        }
    }

    private static Replayer.Options options(Path state, ReplayRange range, Set<String> symbols, Pace pace, boolean follow,
                                            int shards, boolean latency, Path histogram) {
        return new Replayer.Options(journal, state, 100, CorePinning.Mode.OFF, true, 1 << 16, 1 << 16, range, symbols,
                pace, follow, shards, latency, 4, histogram, false);
    }

    private static Replayer.Options plain(Path state, int shards) {
        return options(state, ReplayRange.ALL, Set.of(), Pace.MAX, false, shards, false, null);
    }

    private static ReplaySummary replay(Replayer.Options o) {
        return Replayer.run(o, line -> { }, new Cancellation(), Progress.none());
    }

    static List<BarRecord> bars(Path state) {
        List<BarRecord> out = new ArrayList<>();
        try (SingleChronicleQueue q = StateDirectory.existing(state).openBarsQueue()) {
            BarReader.readAll(q, out::add);
        }
        return out;
    }

    /** The state map as comparable text per locate. */
    static Map<Integer, String> records(Path state) {
        Map<Integer, String> out = new TreeMap<>();
        try (StateStore store = StateDirectory.existing(state).openStore()) {
            SymbolStateRecord r = new SymbolStateRecord();
            for (int locate : store.locates()) {
                assertTrue(store.get(locate, r));
                out.put(locate, String.join(",", Long.toString(r.stock), Long.toString(r.trades),
                        Long.toString(r.volume), Long.toString(r.notional), Long.toString(r.lastPrice),
                        Long.toString(r.bidPrice), Long.toString(r.bidSize), Long.toString(r.askPrice),
                        Long.toString(r.askSize), Long.toString(r.eventTimeNs), Long.toString(r.journalIndex)));
            }
        }
        return out;
    }

    @Test
    void shardsOneToFourGiveIdenticalBarStreamsAndDigests() {
        ReplaySummary one = replay(plain(tmp.resolve("s1"), 1));
        List<BarRecord> expectedBars = bars(tmp.resolve("s1"));
        Map<Integer, String> expectedState = records(tmp.resolve("s1"));
        assertTrue(expectedBars.size() > 1000, "a day with bars: " + expectedBars.size());
        assertEquals(MESSAGES, one.messages());
        for (int shards = 2; shards <= 4; shards++) {
            Path state = tmp.resolve("s" + shards);
            ReplaySummary s = replay(plain(state, shards));
            assertEquals(one.digest(), s.digest(), shards + " shards");
            assertEquals(expectedBars, bars(state), shards + " shards: bar stream");
            assertEquals(expectedState, records(state), shards + " shards: state map");
            assertEquals(one.countedTrades(), s.countedTrades());
            assertEquals(one.symbols(), s.symbols());
            assertEquals(one.bars(), s.bars());
            assertEquals(MESSAGES, s.messages());
        }
        // One shard appending its bars and writing the map itself (--inline-writes: what the bars and state
        // threads are measured against) too.
        Path forced = tmp.resolve("forced");
        Replayer.Options o = plain(forced, 1);
        ReplaySummary viaResequencer = replay(new Replayer.Options(o.journal(), forced, 100, CorePinning.Mode.OFF, true,
                1 << 16, 1 << 16, ReplayRange.ALL, Set.of(), Pace.MAX, false, 1, false, 64, null, true));
        assertEquals(one.digest(), viaResequencer.digest());
    }

    @Test
    void aCorruptRecordIsSkippedAndCountedOnceWhateverTheShards() throws IOException {
        // A copy of the journal with one byte flipped inside the payload of a message record.
        Path copy = tmp.resolve("corrupt");
        Files.createDirectories(copy);
        try (java.util.stream.Stream<Path> files = Files.list(journal)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path cycle;
        try (java.util.stream.Stream<Path> files = Files.list(copy)) {
            cycle = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(cycle,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.MappedByteBuffer b = ch.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0, ch.size());
            b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
            // Chronicle framing (docs/journal-format.md): 4-byte header word, length in bits 0..29,
            // bit 30 metadata; documents 4-byte aligned. Flip a byte of the 50,000th data document.
            int p = 0;
            int data = 0;
            while (true) {
                int header = b.getInt(p);
                int length = header & 0x3FFF_FFFF;
                if ((header & 0x4000_0000) == 0 && ++data == MESSAGES / 2) {
                    b.put(p + 4 + 28 + 12, (byte) (b.get(p + 4 + 28 + 12) ^ 0x5A));
                    break;
                }
                p = (p + 4 + length + 3) & ~3;
            }
            b.force();
        }
        String digest = null;
        // Shard counts 1-3 (bars and map written by their threads), then one shard writing both itself.
        for (int run = 1; run <= 4; run++) {
            int shards = run <= 3 ? run : 1;
            ReplaySummary s = Replayer.run(new Replayer.Options(copy, tmp.resolve("c" + run), 100, CorePinning.Mode.OFF,
                    true, 1 << 16, 1 << 16, ReplayRange.ALL, Set.of(), Pace.MAX, false, shards, false, 64, null,
                    run == 4), line -> { }, new Cancellation(), Progress.none());
            assertEquals(1, s.checksumFailures(), shards + " shards: the flipped record, counted once");
            if (digest == null) {
                digest = s.digest();
                assertEquals(MESSAGES - 1, s.messages(), "one shard applies every message but the corrupt one");
            }
            assertEquals(digest, s.digest(), shards + " shards");
        }
    }

    @Test
    void rangesAndSymbolsEqualTheFilteredFullReplay() {
        replay(plain(tmp.resolve("full"), 1));
        List<BarRecord> full = bars(tmp.resolve("full"));
        long first = full.get(0).windowStartNs();
        long last = full.get(full.size() - 1).windowStartNs();
        // A range on window edges and one inside windows, as event times.
        long from = first + (last - first) / 4 / 100_000_000L * 100_000_000L;
        long to = first + (last - first) * 3 / 4 + 12_345_678L;
        ReplaySummary ranged = replay(options(tmp.resolve("ranged"), new ReplayRange(from, to, Long.MIN_VALUE, Long.MAX_VALUE),
                Set.of(), Pace.MAX, false, 1, false, null));
        List<BarRecord> expected = full.stream()
                .filter(b -> b.windowStartNs() >= from && b.windowStartNs() + 100_000_000L <= to).toList();
        assertFalse(expected.isEmpty());
        assertEquals(expected, bars(tmp.resolve("ranged")));
        assertTrue(ranged.messages() < MESSAGES, "stopped at --to");

        // The same range given as text, through the parser.
        ReplayRange parsed = ReplayRange.parse(ReplayRange.time(from), ReplayRange.time(to));
        assertEquals(new ReplayRange(from, to, Long.MIN_VALUE, Long.MAX_VALUE), parsed);

        // Symbols: the bars and records of the chosen symbols, nothing else.
        Map<Integer, String> fullState = records(tmp.resolve("full"));
        List<String> names = full.stream().map(BarRecord::symbol).distinct().sorted().limit(3).toList();
        Set<String> chosen = Set.copyOf(names);
        for (int shards : new int[]{1, 2}) {
            Path state = tmp.resolve("symbols" + shards);
            replay(options(state, ReplayRange.ALL, chosen, Pace.MAX, false, shards, false, null));
            assertEquals(full.stream().filter(b -> chosen.contains(b.symbol())).toList(), bars(state), shards + " shards");
            Set<Integer> locates = new HashSet<>();
            bars(state).forEach(b -> locates.add(b.locate()));
            Map<Integer, String> expectedState = new TreeMap<>(fullState);
            expectedState.keySet().retainAll(locates);
            Map<Integer, String> got = records(state);
            assertEquals(chosen.size(), got.size(), "one record per chosen symbol");
            assertEquals(expectedState, got);
        }

        // Journal indexes: from an index, only bars closed from there on.
        long fromIndex = firstIndexOf(journal) + MESSAGES / 2;
        replay(options(tmp.resolve("byIndex"), ReplayRange.parse("index:" + fromIndex, null), Set.of(), Pace.MAX, false, 1,
                false, null));
        List<BarRecord> byIndex = bars(tmp.resolve("byIndex"));
        assertFalse(byIndex.isEmpty());
        assertEquals(full.subList(full.size() - byIndex.size(), full.size()), byIndex, "a suffix of the full stream");
    }

    private static long firstIndexOf(Path dir) {
        try (SingleChronicleQueue q = Journal.openForRead(dir)) {
            return q.firstIndex();
        }
    }

    @Test
    void followProcessesEveryMessageOfAJournalWrittenConcurrentlyExactlyOnce() throws Exception {
        Path live = tmp.resolve("live");
        List<byte[]> messages = new ArrayList<>();
        new BinaryFileIngestor().frameFile(itch, (buffer, offset, length, sequence) ->
                messages.add(java.util.Arrays.copyOfRange(buffer, offset, offset + length)));
        try (SingleChronicleQueue q = Journal.openForWrite(live); JournalWriter w = new JournalWriter(q, 1)) {
            // Something must be there before the replay opens the journal.
            w.appendSessionStart("test:follow", System.nanoTime(), 1);
            Cancellation cancel = new Cancellation();
            AtomicLong seen = new AtomicLong();
            Progress watch = new Progress(-1) {
                @Override
                public void update(long m) {
                    seen.set(m);
                }

                @Override
                public void done() {
                }
            };
            AtomicReference<ReplaySummary> result = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Replayer.Options o = new Replayer.Options(live, tmp.resolve("followState"), 100, CorePinning.Mode.OFF, true,
                    1 << 16, 1 << 16, ReplayRange.ALL, Set.of(), Pace.MAX, true, 2, false, 64, null, false);
            Thread replay = new Thread(() -> {
                try {
                    result.set(Replayer.run(o, line -> { }, cancel, watch));
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            replay.start();
            long seq = 0;
            for (byte[] m : messages) {
                w.appendMessage(m, 0, m.length, System.nanoTime(), ++seq);
                if (seq % 20_000 == 0) {
                    Thread.sleep(30); // let the replay catch up and wait at the end of what is written
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.get() < messages.size() && System.nanoTime() < deadline && failure.get() == null) {
                Thread.sleep(20);
            }
            Thread.sleep(100);
            cancel.cancel();
            replay.join(30_000);
            assertNull(failure.get());
            ReplaySummary followed = result.get();
            assertEquals(messages.size(), followed.messages(), "every message once, none twice");
            // The state equals a plain replay of the finished journal (all windows it closed, the same records).
            ReplaySummary after = Replayer.run(new Replayer.Options(live, tmp.resolve("afterState"), 100,
                    CorePinning.Mode.OFF, true), line -> { });
            assertEquals(after.messages(), followed.messages());
            assertEquals(records(tmp.resolve("afterState")), records(tmp.resolve("followState")));
            assertEquals(bars(tmp.resolve("afterState")), bars(tmp.resolve("followState")));
            assertEquals(after.digest(), followed.digest());
        }
    }

    @Test
    void pacingAtTenTimesTakesAboutATenthOfTheEventTimeSpan() {
        Path paced = tmp.resolve("paced");
        long span = TimeUnit.MILLISECONDS.toNanos(3_000);
        long t0 = TimeUnit.HOURS.toNanos(10);
        try (SingleChronicleQueue q = Journal.openForWrite(paced); JournalWriter w = new JournalWriter(q, 1)) {
            ByteBuffer b = ByteBuffer.allocate(64);
            int n = ItchEncoder.stockDirectory(b.clear(), 1, 0, t0, "PACE", (byte) 'Q', (byte) 'N', 100, (byte) 'N',
                    (byte) 'C', "Z", (byte) 'P', (byte) 'N', (byte) 'N', (byte) '1', (byte) 'N', 0, (byte) 'N');
            w.appendMessage(b.array(), 0, n, 0, 1);
            for (int i = 0; i <= 300; i++) {
                n = ItchEncoder.trade(b.clear(), 1, 0, t0 + span * i / 300, 0, (byte) 'B', 100, "PACE", 1_000_000, i + 1);
                w.appendMessage(b.array(), 0, n, 0, i + 2);
            }
        }
        ReplaySummary s = Replayer.run(new Replayer.Options(paced, tmp.resolve("pacedState"), 100, CorePinning.Mode.OFF,
                true, 1 << 10, 1 << 10, ReplayRange.ALL, Set.of(), Pace.parse("x10"), false, 1, true, 1, null, false),
                line -> { }, new Cancellation(), Progress.none());
        assertEquals(302, s.messages());
        // A tenth of 3 s is 0.3 s: the messages cannot all be applied before their time ...
        assertTrue(s.seconds() >= 0.27, "paced replay took " + s.seconds() + " s");
        // ... and a generous upper bound for a loaded machine.
        assertTrue(s.seconds() < 10.0, "paced replay took " + s.seconds() + " s");
        StageLatency.Percentiles e2e = s.latency().get("e2e");
        assertNotNull(e2e, "paced replays measure end to end: " + s.latency().keySet());
        assertEquals(302, e2e.count(), "every paced message has its end-to-end latency: " + e2e);
    }

    @Test
    void cancellationStopsEveryThreadAndLeavesAReadableState() throws Exception {
        Cancellation cancel = new Cancellation();
        AtomicReference<ReplaySummary> result = new AtomicReference<>();
        Path state = tmp.resolve("cancelled");
        // Paced at real time the day would take hours: cancel it early.
        Thread t = new Thread(() -> result.set(Replayer.run(options(state, ReplayRange.ALL, Set.of(), Pace.parse("realtime"),
                false, 2, true, null), line -> { }, cancel, Progress.none())));
        t.start();
        Thread.sleep(1_500);
        long before = System.nanoTime();
        cancel.cancel();
        assertTrue(cancel.awaitStopped(30, TimeUnit.SECONDS), "stopped in time");
        t.join(30_000);
        assertFalse(t.isAlive());
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(30));
        ReplaySummary s = result.get();
        assertTrue(s.cancelled());
        assertTrue(s.messages() < MESSAGES);
        // Readable: the map opens and the bars read back; the meta says the replay is incomplete.
        records(state);
        bars(state);
        assertTrue(Files.readString(state.resolve(StateDirectory.META_FILE)).contains("complete=false"));
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            assertFalse(thread.getName().startsWith("tailer-") || thread.getName().equals("bars"),
                    "thread left running: " + thread.getName());
        }
    }

    @Test
    void writesAHistogramLogPerStageAndDetectsRegressions() throws IOException {
        Path hlog = tmp.resolve("replay.hlog");
        ReplaySummary s = replay(options(tmp.resolve("measured"), ReplayRange.ALL, Set.of(), Pace.MAX, false, 1, true, hlog));
        assertTrue(s.latency().keySet().containsAll(List.of("read", "book", "vwap", "map")), s.latency().keySet().toString());
        long total = 0;
        Set<String> tags = new HashSet<>();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            tags.add(h.getTag());
            if ("book".equals(h.getTag())) {
                total += ((org.HdrHistogram.Histogram) h).getTotalCount();
            }
        }
        assertTrue(tags.containsAll(List.of("read", "book", "vwap", "map")), tags.toString());
        assertEquals(s.latency().get("book").count(), total, "the log holds every sample of the summary");

        // The summary as a baseline: no regression against itself; a baseline 10x faster is one.
        Path json = tmp.resolve("summary.json");
        Files.writeString(json, io.tickjournal.cli.JsonOutput.write(ReplaySummaryJson.toMap(s)));
        assertTrue(LatencyBaseline.read(json).regressions(s.latency(), 2.0).isEmpty());
        String faster = Files.readString(json).replaceAll("\"p(50|90|99|999)\": (\\d+)", "\"p$1\": 0")
                .replaceAll("\"count\": (\\d+)", "\"count\": 100000");
        Files.writeString(json, faster);
        Map<String, StageLatency.Percentiles> slow = Map.of("book", new StageLatency.Percentiles(100_000, 5_000, 6_000,
                7_000, 8_000, 9_000, 10_000));
        List<String> regressions = LatencyBaseline.read(json).regressions(slow, 2.0);
        assertEquals(4, regressions.size(), regressions.toString());
        // 900 samples: p99.9 and p99 are the slowest one or few samples, not judged; p50 and p90 are
        Map<String, StageLatency.Percentiles> few = Map.of("book", new StageLatency.Percentiles(900, 5_000, 6_000,
                7_000, 8_000, 9_000, 10_000));
        List<String> judged = LatencyBaseline.read(json).regressions(few, 2.0);
        assertEquals(2, judged.size(), judged.toString());
        assertTrue(judged.get(0).startsWith("book p50") && judged.get(1).startsWith("book p90"), judged.toString());
    }
}
