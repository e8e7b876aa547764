package io.tickjournal.capture;

import io.tickjournal.engine.CorePinning;
import io.tickjournal.engine.JournalTailer;
import io.tickjournal.feed.FeedMessages;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.state.BarWriter;
import io.tickjournal.state.StateDigest;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared by the capture tests: a generated day, journal contents, a reference replay's digest. */
public final class CaptureFixture {
    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private CaptureFixture() {
    }

    /** A small generated day written to {@code dir/day.itch}. */
    public static Path day(Path dir, long messages, long seed) {
        Path file = dir.resolve("day.itch");
        new ItchDayGenerator(20, messages, seed).writeBinaryFile(file);
        return file;
    }

    /** A UDP port free at the time of the call (for a server that must be named before it starts). */
    public static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every 10 ms until it holds; fails after {@code timeoutMs} with {@code what}. */
    public static void await(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    public static MoldUdp64Ingestor.Options mold(int port, InetSocketAddress request, long gapTimeoutMs) {
        return new MoldUdp64Ingestor.Options(new InetSocketAddress(LOOPBACK, port), null, request, null, 20,
                gapTimeoutMs, 1_000_000_000L);
    }

    public static CaptureDaemon.Settings settings(Path dir, MoldUdp64Ingestor.Options mold, SoupBinTcpIngestor.Options soup) {
        return new CaptureDaemon.Settings(dir.resolve("journal"), dir.resolve("state"), mold, soup, 0, 100,
                CorePinning.Mode.OFF, 0);
    }

    /** One journal record as the tests compare them. */
    public record Rec(char kind, long sequence, long count, byte[] payload) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Rec r && r.kind == kind && r.sequence == sequence && r.count == count
                    && Arrays.equals(r.payload, payload);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sequence) * 31 + kind;
        }

        @Override
        public String toString() {
            return kind + "(" + sequence + (kind == 'G' ? "+" + count : "") + ")";
        }
    }

    /** Every record of the journal in {@code dir}, in order. */
    public static List<Rec> records(Path dir) {
        List<Rec> out = new ArrayList<>();
        try (CycleFileReader reader = new CycleFileReader(dir, true)) {
            JournalRecordHandler h = new JournalRecordHandler() {
                @Override
                public void onMessage(RandomDataInput buffer, long offset, int length, long index, long rx, long seq) {
                    byte[] b = new byte[length];
                    buffer.read(offset, b, 0, length);
                    out.add(new Rec('M', seq, 1, b));
                }

                @Override
                public void onGap(long firstMissing, long count, long index) {
                    out.add(new Rec('G', firstMissing, count, null));
                }

                @Override
                public void onSessionStart(String description, long firstSequence, long index) {
                    out.add(new Rec('S', firstSequence, 0, description.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                }

                @Override
                public void onSessionEnd(long lastSequence, long index) {
                    out.add(new Rec('E', lastSequence, 0, null));
                }
            };
            while (reader.poll(h, 4096) > 0) {
                // all
            }
            assertEquals(0, reader.checksumFailures() + reader.malformedRecords(), "bad records in the journal");
        }
        return out;
    }

    /** Only the message records. */
    public static List<Rec> messages(List<Rec> records) {
        return records.stream().filter(r -> r.kind() == 'M').toList();
    }

    /** Asserts the journal's messages are exactly the feed's, sequences 1..n in order. */
    public static void assertJournalHoldsExactly(FeedMessages feed, List<Rec> records) {
        List<Rec> messages = messages(records);
        assertEquals(feed.count(), messages.size(), "messages journaled");
        for (int i = 0; i < messages.size(); i++) {
            long seq = i + 1;
            Rec r = messages.get(i);
            assertEquals(seq, r.sequence(), "sequence of message " + i);
            byte[] expected = Arrays.copyOfRange(feed.data(), feed.offset(seq), feed.offset(seq) + feed.length(seq));
            if (!Arrays.equals(expected, r.payload())) {
                fail("message " + seq + " differs from the file's");
            }
        }
    }

    /**
     * Asserts every feed sequence 1..n is covered exactly once, by a message or a gap record, in
     * order; returns the number of sequences covered by gaps.
     */
    public static long assertEachSequenceOnce(FeedMessages feed, List<Rec> records) {
        long next = 1;
        long lost = 0;
        for (Rec r : records) {
            if (r.kind() == 'M') {
                assertEquals(next, r.sequence(), "message out of sequence");
                long seq = r.sequence();
                byte[] expected = Arrays.copyOfRange(feed.data(), feed.offset(seq), feed.offset(seq) + feed.length(seq));
                assertTrue(Arrays.equals(expected, r.payload()), "message " + seq + " differs from the file's");
                next++;
            } else if (r.kind() == 'G') {
                assertEquals(next, r.sequence(), "gap record out of sequence");
                assertTrue(r.count() > 0, "empty gap record");
                next += r.count();
                lost += r.count();
            }
        }
        assertEquals(feed.count() + 1L, next, "sequences covered");
        return lost;
    }

    /** Replays {@code journal} into a fresh {@code state} and returns its digest (as `tickjournal replay` does). */
    public static String replayDigest(Path journal, Path stateDir) {
        StateDirectory state = StateDirectory.prepareFresh(stateDir);
        try (CycleFileReader reader = new CycleFileReader(journal, true);
             StateStore store = state.openStore();
             SingleChronicleQueue barsQueue = state.openBarsQueue();
             BarWriter bars = new BarWriter(barsQueue)) {
            JournalTailer tailer = new JournalTailer(reader, store, bars, 100_000_000L);
            while (tailer.doWork(1 << 14) > 0) {
                // to the end
            }
            tailer.flush();
        }
        return StateDigest.compute(state);
    }

    /** The digest of what a capture left in {@code stateDir}. */
    public static String stateDigest(Path stateDir) {
        return StateDigest.compute(StateDirectory.existing(stateDir));
    }

    public static FeedMessages load(Path file) {
        return FeedMessages.load(file);
    }
}
