package io.tickjournal.capture;

import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.journal.JournalWriter;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz support for the capture harnesses: one real journal per JVM that every input appends to
 * through a {@link JournalWriter}, and a {@link CycleFileReader} tailing it that hands back what
 * the last input journaled. Started afresh every {@link #ROTATE} inputs so the disk stays small.
 * Thread-confined (the fuzzing thread).
 */
final class FuzzJournal {
    private static final int ROTATE = 20_000;
    /** A drain waits at most this long for the reader to reach the writer's last record (a listing is 10 ms). */
    private static final long DRAIN_TIMEOUT_MS = 5_000;
    private static FuzzJournal instance;

    private final Path dir;
    private final SingleChronicleQueue queue;
    private final JournalWriter writer;
    private final CycleFileReader reader;
    private final Collector collector = new Collector();
    private int inputs;

    FuzzJournal(Path dir) {
        this.dir = dir;
        this.queue = Journal.openForWrite(dir);
        this.writer = new JournalWriter(queue, 1);
        this.reader = new CycleFileReader(dir, true);
    }

    /** The journal for the next input (a fresh one every {@link #ROTATE} inputs). */
    static FuzzJournal next() {
        if (instance != null && ++instance.inputs >= ROTATE) {
            instance.close();
            instance = null;
        }
        if (instance == null) {
            try {
                instance = new FuzzJournal(Files.createTempDirectory("fuzz-capture"));
                FuzzJournal last = instance;
                Runtime.getRuntime().addShutdownHook(new Thread(last::deleteFiles));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        instance.drain(); // nothing of an earlier input is left to read
        return instance;
    }

    JournalWriter writer() {
        return writer;
    }

    /**
     * The records journaled since the last call, in order, up to the writer's last record; fails on any
     * bad record, and when the reader cannot reach the writer's last record within {@link #DRAIN_TIMEOUT_MS}.
     */
    List<CaptureFixture.Rec> drain() {
        collector.out.clear();
        long written = writtenIndex();
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_MS * 1_000_000L;
        // A reader's poll returning 0 is not the end of what is written: an idle CycleFileReader lists the
        // directory at most every 10 ms, so right after this journal's rotation it does not yet see the
        // cycle file the writer created (MoldUdp64FuzzTest found it: an input's records read by the next
        // input's drain, "a second session start in one capture"). Read on until the writer's last index.
        while (true) {
            while (reader.poll(collector, 4096) > 0) {
                // to the end of what the reader sees
            }
            if (reader.lastIndex() >= written) {
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("the reader stopped at index " + reader.lastIndex() + ", the writer's last is " + written);
            }
            LockSupport.parkNanos(1_000_000);
        }
        assertEquals(0, reader.checksumFailures() + reader.malformedRecords(), "bad records in the journal");
        return new ArrayList<>(collector.out);
    }

    /** Index of the writer's last record, or -1 when it has written none. */
    private long writtenIndex() {
        try {
            return writer.lastIndex();
        } catch (IllegalStateException e) {
            return -1; // Chronicle's appender: nothing appended yet
        }
    }

    /**
     * Asserts what a capture must journal, whatever it was sent: nothing, or a session start
     * {@code prefix:NAME} at sequence 1 followed by messages and gap records that cover each sequence
     * once, in order, and at most a session end at the last of them. Returns the session name, or null.
     */
    static String assertInSequence(List<CaptureFixture.Rec> records, String prefix) {
        if (records.isEmpty()) {
            return null;
        }
        CaptureFixture.Rec start = records.get(0);
        assertEquals('S', start.kind(), "the first record is a session start");
        String description = new String(start.payload(), StandardCharsets.US_ASCII);
        assertTrue(description.startsWith(prefix + ":"), description);
        assertEquals(1, start.sequence(), "a new session starts at sequence 1");
        long next = 1;
        boolean ended = false;
        for (CaptureFixture.Rec r : records.subList(1, records.size())) {
            if (ended) {
                fail("a record after the session end: " + r);
            }
            switch (r.kind()) {
                case 'M' -> {
                    assertEquals(next, r.sequence(), "message in sequence");
                    next++;
                }
                case 'G' -> {
                    assertEquals(next, r.sequence(), "gap record in sequence");
                    assertTrue(r.count() > 0, "a gap record covers something");
                    next += r.count();
                }
                case 'E' -> {
                    assertEquals(next - 1, r.sequence(), "session end at the last sequence");
                    ended = true;
                }
                default -> fail("a second session start in one capture: " + r);
            }
        }
        return description.substring(prefix.length() + 1);
    }

    /** Closes the reader, the writer and the queue, and deletes the files. */
    void close() {
        reader.close();
        writer.close();
        queue.close();
        deleteFiles();
    }

    /** Deletes the journal's files (at rotation, and when the JVM exits). */
    private void deleteFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory: best effort
        }
    }

    private static final class Collector implements JournalRecordHandler {
        final List<CaptureFixture.Rec> out = new ArrayList<>();

        @Override
        public void onMessage(RandomDataInput buffer, long offset, int length, long index, long rx, long seq) {
            byte[] b = new byte[length];
            buffer.read(offset, b, 0, length);
            out.add(new CaptureFixture.Rec('M', seq, 1, b));
        }

        @Override
        public void onGap(long firstMissing, long count, long index) {
            out.add(new CaptureFixture.Rec('G', firstMissing, count, null));
        }

        @Override
        public void onSessionStart(String description, long firstSequence, long index) {
            out.add(new CaptureFixture.Rec('S', firstSequence, 0, description.getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public void onSessionEnd(long lastSequence, long index) {
            out.add(new CaptureFixture.Rec('E', lastSequence, 0, null));
        }
    }
}
