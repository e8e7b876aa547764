package io.tickjournal.capture;

import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalWriter;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static io.tickjournal.protocol.MoldUdp64Layout.COUNT_END_OF_SESSION;
import static io.tickjournal.protocol.MoldUdp64Layout.COUNT_HEARTBEAT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One MoldUDP64 capture journals one feed session (docs/journal-format.md "Live capture"): a packet of
 * another session name, or of the same session after its end, is counted as malformed and journals
 * nothing, so the journal never holds a second session start for one capture.
 */
class MoldUdp64SessionTest {
    @TempDir
    Path dir;

    private final CaptureCounters counters = new CaptureCounters();
    private final byte[] packet = new byte[2048];

    @Test
    void aPacketOfAnotherSessionIsCountedAndJournalsNothing() {
        List<CaptureFixture.Rec> records = capture(ingestor -> {
            deliver(ingestor, MoldUdp64FuzzTest.data(packet, "SESSIONA", 1, 2));
            deliver(ingestor, MoldUdp64FuzzTest.data(packet, "SESSIONB", 1, 1));
            deliver(ingestor, MoldUdp64FuzzTest.data(packet, "SESSIONB", 3, 2));
            deliver(ingestor, MoldUdp64FuzzTest.data(packet, "SESSIONA", 3, 1));
        });
        assertEquals("[S(1), M(1), M(2), M(3)]", records.toString());
        assertEquals("mold:SESSIONA", new String(records.get(0).payload(), StandardCharsets.US_ASCII));
        assertEquals(2, counters.malformedWrongSession.get(), "both packets of SESSIONB");
    }

    @Test
    void theSessionAfterItsEndJournalsNothingMore() {
        List<CaptureFixture.Rec> records = capture(ingestor -> {
            deliver(ingestor, MoldUdp64FuzzTest.data(packet, "SESSIONA", 1, 2));
            deliver(ingestor, MoldUdp64FuzzTest.control(packet, "SESSIONA", 3, COUNT_END_OF_SESSION));
            deliver(ingestor, MoldUdp64FuzzTest.data(packet, "SESSIONA", 3, 1)); // past the end
            deliver(ingestor, MoldUdp64FuzzTest.control(packet, "SESSIONA", 9, COUNT_HEARTBEAT)); // past the end
            deliver(ingestor, MoldUdp64FuzzTest.data(packet, "SESSIONA", 1, 1)); // a duplicate
            deliver(ingestor, MoldUdp64FuzzTest.control(packet, "SESSIONA", 3, COUNT_END_OF_SESSION)); // again
        });
        assertEquals("[S(1), M(1), M(2), E(2)]", records.toString());
        assertEquals(2, counters.malformedSequence.get(), "the data packet and the heartbeat past the end");
        assertEquals(1, counters.duplicates.get());
        assertEquals(1, counters.endsOfSession.get(), "the end is journaled once");
    }

    /** Runs {@code packets} through a capture with no re-request server and returns what it journaled. */
    private List<CaptureFixture.Rec> capture(java.util.function.Consumer<MoldUdp64Ingestor> packets) {
        Path journal = dir.resolve("journal");
        MoldUdp64Ingestor.Options options = new MoldUdp64Ingestor.Options(
                new InetSocketAddress(CaptureFixture.LOOPBACK, 0), null, null, null, 20, 1_000, 1_000_000);
        try (SingleChronicleQueue queue = Journal.openForWrite(journal);
             JournalWriter writer = new JournalWriter(queue, 1);
             MoldUdp64Ingestor ingestor = new MoldUdp64Ingestor(options, writer, counters, JournalResume.EMPTY,
                     line -> { })) {
            packets.accept(ingestor);
        }
        return CaptureFixture.records(journal);
    }

    private void deliver(MoldUdp64Ingestor ingestor, int length) {
        ingestor.deliver(packet, length, 1, System.nanoTime());
    }
}
