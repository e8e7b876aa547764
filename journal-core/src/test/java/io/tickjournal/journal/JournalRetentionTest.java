package io.tickjournal.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.bytes.RandomDataInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Retention with a tiny roll cycle (one cycle per second of a controlled clock): old cycles go,
 * a lagging tailer keeps its cycle, and a reader started afterwards begins at the oldest kept
 * cycle.
 */
class JournalRetentionTest {
    private static final TestRollCycles CYCLE = TestRollCycles.TEST_SECONDLY;
    private static final int CYCLES = 5;
    private static final int PER_CYCLE = 10;
    private static final long MAX = Long.MAX_VALUE;

    @TempDir
    Path tmp;

    /** Writes CYCLES cycle files of PER_CYCLE messages each; message n carries sequence n (1-based). */
    private SingleChronicleQueue writeCycles(Path dir) {
        SetTimeProvider clock = new SetTimeProvider(TimeUnit.SECONDS.toNanos(1_700_000_000L));
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(CYCLE).timeProvider(clock).build();
        JournalWriter writer = new JournalWriter(queue, 1);
        byte[] message = new byte[]{'S', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'O'};
        long sequence = 0;
        for (int c = 0; c < CYCLES; c++) {
            for (int i = 0; i < PER_CYCLE; i++) {
                writer.appendMessage(message, 0, message.length, 0, ++sequence);
            }
            clock.advanceNanos(TimeUnit.SECONDS.toNanos(1));
        }
        return queue;
    }

    private static List<String> cycleNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    /** Reads every message from the start and returns their feed sequences. */
    private static List<Long> readSequences(RecordReader reader, int max) {
        List<Long> out = new ArrayList<>();
        JournalRecordHandler h = new JournalRecordHandler() {
            @Override
            public void onMessage(RandomDataInput b, long o, int l, long index, long rt, long sequence) {
                out.add(sequence);
            }
        };
        while (out.size() < max && reader.poll(h, 1) > 0) {
            // reading
        }
        return out;
    }

    @Test
    void keepsTheLastCyclesAndANewReaderStartsAtTheOldestKept() throws IOException {
        Path dir = tmp.resolve("journal");
        try (SingleChronicleQueue queue = writeCycles(dir)) {
            List<String> before = cycleNames(dir);
            assertEquals(CYCLES, before.size(), "one file per cycle: " + before);
            int firstCycle = queue.firstCycle();

            JournalRetention retention = new JournalRetention(dir, CYCLE, new JournalRetention.Policy(2, 0, null));
            JournalRetention.Result r = retention.apply(MAX);
            queue.refreshDirectoryListing();

            assertEquals(before.subList(0, 3), r.removed());
            assertEquals(before.subList(3, 5), cycleNames(dir));
            assertTrue(r.bytesRemoved() > 0);

            try (CycleFileReader reader = new CycleFileReader(dir, CYCLE, true, CycleFileReader.DEFAULT_CHUNK_SIZE)) {
                List<Long> seqs = readSequences(reader, Integer.MAX_VALUE);
                assertEquals(2 * PER_CYCLE, seqs.size());
                assertEquals(3L * PER_CYCLE + 1, seqs.get(0), "starts at the first message of the oldest kept cycle");
                assertEquals((long) CYCLES * PER_CYCLE, seqs.get(seqs.size() - 1));
            }
            // Chronicle's own tailer, after the listing refresh, starts at the oldest kept cycle too.
            assertEquals(firstCycle + 3, queue.firstCycle());
            ExcerptTailer tailer = queue.createTailer().toStart();
            assertEquals(firstCycle + 3, CYCLE.toCycle(tailer.index()));
            try (JournalReader reader = new JournalReader(queue, true)) {
                List<Long> seqs = readSequences(reader, 1);
                assertEquals(List.of(3L * PER_CYCLE + 1), seqs);
            }
        }
    }

    @Test
    void aLaggingTailerKeepsItsCycleAndReadsOnToTheEnd() throws IOException {
        Path dir = tmp.resolve("journal");
        try (SingleChronicleQueue queue = writeCycles(dir);
             CycleFileReader lagging = new CycleFileReader(dir, CYCLE, true, CycleFileReader.DEFAULT_CHUNK_SIZE)) {
            List<String> before = cycleNames(dir);
            // The tailer is in the second cycle: it has read one message past the first cycle.
            List<Long> first = readSequences(lagging, PER_CYCLE + 1);
            assertEquals(PER_CYCLE + 1L, first.get(first.size() - 1));

            JournalRetention retention = new JournalRetention(dir, CYCLE, new JournalRetention.Policy(1, 0, null));
            JournalRetention.Result r = retention.apply(lagging.lastIndex());
            queue.refreshDirectoryListing();

            assertEquals(List.of(before.get(0)), r.removed(), "only the cycle before the tailer's goes");
            assertEquals(before.subList(1, CYCLES), cycleNames(dir));

            List<Long> rest = readSequences(lagging, Integer.MAX_VALUE);
            assertEquals(CYCLES * PER_CYCLE - PER_CYCLE - 1, rest.size(), "the lagging tailer reads on without a gap");
            assertEquals(PER_CYCLE + 2L, rest.get(0));

            // Once it has caught up, the policy applies in full (the newest cycle always stays).
            r = retention.apply(lagging.lastIndex());
            assertEquals(before.subList(1, CYCLES - 1), r.removed());
            assertEquals(List.of(before.get(CYCLES - 1)), cycleNames(dir));
        }
    }

    @Test
    void archivesGzippedCopiesBeforeDeleting() throws IOException {
        Path dir = tmp.resolve("journal");
        Path archive = tmp.resolve("archive");
        try (SingleChronicleQueue queue = writeCycles(dir)) {
            List<String> before = cycleNames(dir);
            byte[] oldest = Files.readAllBytes(dir.resolve(before.get(0)));
            long totalBytes = JournalRetention.diskBytes(dir);
            long oneFile = Files.size(dir.resolve(before.get(0)));

            // A byte budget of a little over two files keeps exactly two.
            JournalRetention retention = new JournalRetention(dir, CYCLE,
                    new JournalRetention.Policy(0, 2 * oneFile + oneFile / 2, archive));
            JournalRetention.Result r = retention.apply(MAX);
            queue.refreshDirectoryListing();

            assertEquals(before.subList(0, 3), r.removed());
            assertEquals(totalBytes - r.bytesRemoved(), JournalRetention.diskBytes(dir));
            try (Stream<Path> s = Files.list(archive)) {
                assertEquals(before.subList(0, 3).stream().map(n -> n + ".gz").toList(),
                        s.map(p -> p.getFileName().toString()).sorted().toList(), "no partial files left");
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(archive.resolve(before.get(0) + ".gz")))) {
                assertTrue(Arrays.equals(oldest, in.readAllBytes()), "the archive holds the cycle file byte for byte");
            }
        }
    }

    @Test
    void doesNothingWithoutALimitOrBeforeAnyReaderMoved() throws IOException {
        Path dir = tmp.resolve("journal");
        try (SingleChronicleQueue queue = writeCycles(dir)) {
            assertTrue(new JournalRetention(dir, CYCLE, new JournalRetention.Policy(0, 0, null)).apply(MAX).removed().isEmpty());
            // A reader still at index 0 of the first cycle needs everything.
            long firstIndex = CYCLE.toIndex(queue.firstCycle(), 0);
            assertTrue(new JournalRetention(dir, CYCLE, new JournalRetention.Policy(1, 1, null)).apply(firstIndex)
                    .removed().isEmpty());
            assertEquals(CYCLES, cycleNames(dir).size());
        }
    }
}
