package io.tickjournal.capture;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickjournal.protocol.MoldUdp64Layout;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tickjournal.protocol.MoldUdp64Layout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz harnesses for the MoldUDP64 capture ({@link MoldUdp64Ingestor}): its packet parser and its
 * handling of gaps, re-requests and their replies. Packets are delivered in-process
 * ({@link MoldUdp64Ingestor#deliver}); the journal and the re-request socket are real.
 *
 * <p>What must hold: nothing is thrown, every packet is counted, and the journal holds a session
 * start, then each feed sequence once, in order (message or gap record), then at most a session end;
 * a journaled message is byte for byte one that a well-formed packet carried at that sequence; every
 * re-request sent is a well-formed request for sequences not yet journaled.
 */
class MoldUdp64FuzzTest {
    private static final String SESSION = "FUZZFEED";
    private static final String OTHER = "OTHERFEED";
    /** Feed size of the re-request scenario; sequences the fuzzer picks stay near it. */
    private static final int FEED = 200;
    private static final int MAX_STEPS = 64;
    private static DatagramChannel requestSink;

    @AfterAll
    static void closeSink() throws IOException {
        if (requestSink != null) {
            requestSink.close();
        }
    }

    /** Raw and structured datagrams, corrupted or not, with or without a re-request server. */
    @FuzzTest(maxDuration = "10s")
    void packets(FuzzedDataProvider data) throws IOException {
        FuzzNetwork.allowLoopbackOnly();
        boolean withServer = data.consumeBoolean();
        String session = data.consumeBoolean() ? SESSION : null;
        FuzzJournal journal = FuzzJournal.next();
        CaptureCounters counters = new CaptureCounters();
        Map<String, Set<String>> carried = new HashMap<>();
        int delivered = 0;
        try (MoldUdp64Ingestor ingestor = ingestor(withServer, session, journal, counters)) {
            byte[] packet = new byte[2048];
            for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
                int kind = data.consumeInt(0, 4);
                int length;
                if (kind == 0) {
                    byte[] raw = data.consumeBytes(data.consumeInt(0, 1600));
                    System.arraycopy(raw, 0, packet, 0, raw.length);
                    length = raw.length;
                } else if (kind == 1) {
                    length = data(packet, data.consumeBoolean() ? SESSION : OTHER, data.consumeLong(0, FEED + 20),
                            data.consumeInt(1, 8));
                    if (data.consumeBoolean()) {
                        packet[data.consumeInt(0, length - 1)] = data.consumeByte();
                    }
                } else if (kind == 2 || kind == 3) {
                    length = control(packet, data.consumeBoolean() ? SESSION : OTHER, data.consumeLong(0, FEED + 20),
                            kind == 2 ? COUNT_HEARTBEAT : COUNT_END_OF_SESSION);
                } else {
                    length = control(packet, SESSION, 1, COUNT_HEARTBEAT);
                }
                remember(packet, length, carried);
                ingestor.deliver(packet, length, step, System.nanoTime() + (kind == 4 ? 60_000_000_000L : 0));
                delivered++;
            }
            assertEquals(delivered, counters.packets.get(), "every packet counted");
        }
        List<CaptureFixture.Rec> records = journal.drain();
        String name = FuzzJournal.assertInSequence(records, "mold");
        for (CaptureFixture.Rec r : records) {
            if (r.kind() == 'M') {
                Set<String> payloads = carried.get(name + "/" + r.sequence());
                assertTrue(payloads != null && payloads.contains(latin(r.payload())),
                        "message " + r.sequence() + " is one a well-formed packet of '" + name + "' carried");
            }
        }
        drainRequests(null);
    }

    /**
     * The re-request path: the feed's packets arrive in an order, with losses and duplicates, the
     * fuzzer picks (with the gap timer firing when it says); then everything is sent once more in
     * order, as retransmissions, and the session ends. The journal must then hold every sequence of
     * the feed once, each message exactly the feed's, the rest as gap records.
     */
    @FuzzTest(maxDuration = "10s")
    void reRequestReplies(FuzzedDataProvider data) throws IOException {
        FuzzNetwork.allowLoopbackOnly();
        FuzzJournal journal = FuzzJournal.next();
        CaptureCounters counters = new CaptureCounters();
        long[] journaledBefore = {0};
        try (MoldUdp64Ingestor ingestor = ingestor(true, SESSION, journal, counters)) {
            byte[] packet = new byte[2048];
            for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
                boolean timer = data.consumeInt(0, 7) == 0;
                long seq = data.consumeLong(1, FEED);
                int length = data(packet, SESSION, seq, (int) Math.min(data.consumeInt(1, 8), FEED + 1 - seq));
                ingestor.deliver(packet, length, step, System.nanoTime() + (timer ? 60_000_000_000L : 0));
                drainRequests(ingestor.sequencer());
            }
            journaledBefore[0] = counters.messagesJournaled.get();
            for (long s = 1; s <= FEED; s += 8) {
                int length = data(packet, SESSION, s, (int) Math.min(8, FEED + 1 - s));
                ingestor.deliver(packet, length, s, System.nanoTime());
            }
            int length = control(packet, SESSION, FEED + 1, COUNT_END_OF_SESSION);
            ingestor.deliver(packet, length, FEED + 1, System.nanoTime());
        }
        drainRequests(null);
        List<CaptureFixture.Rec> records = journal.drain();
        FuzzJournal.assertInSequence(records, "mold");
        long next = 1;
        for (CaptureFixture.Rec r : records) {
            if (r.kind() == 'M') {
                assertEquals(latin(payload(r.sequence())), latin(r.payload()), "message " + r.sequence());
                next = r.sequence() + 1;
            } else if (r.kind() == 'G') {
                next = r.sequence() + r.count();
            }
        }
        assertEquals(FEED + 1, next, "every sequence of the feed covered once (journaled before the replay: "
                + journaledBefore[0] + ")");
        assertEquals('E', records.get(records.size() - 1).kind(), "the session end is journaled");
    }

    private static MoldUdp64Ingestor ingestor(boolean withServer, String session, FuzzJournal journal,
                                              CaptureCounters counters) throws IOException {
        InetSocketAddress request = null;
        if (withServer) {
            if (requestSink == null) {
                requestSink = DatagramChannel.open(StandardProtocolFamily.INET);
                requestSink.bind(new InetSocketAddress(CaptureFixture.LOOPBACK, 0));
                requestSink.configureBlocking(false);
            }
            request = (InetSocketAddress) requestSink.getLocalAddress();
        }
        MoldUdp64Ingestor.Options options = new MoldUdp64Ingestor.Options(
                new InetSocketAddress(CaptureFixture.LOOPBACK, 0), null, request, session, 20, 1_000, 1_000_000);
        MoldUdp64Ingestor ingestor = new MoldUdp64Ingestor(options, journal.writer(), counters, JournalResume.EMPTY,
                line -> { });
        if (withServer) {
            ingestor.open(); // the socket re-requests are sent from
        }
        return ingestor;
    }

    /** Reads the re-requests sent so far; each must be well-formed and, given the sequencer, for what is missing. */
    private static void drainRequests(FeedSequencer sequencer) throws IOException {
        if (requestSink == null) {
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(MAX_DATAGRAM);
        while (true) {
            b.clear();
            if (requestSink.receive(b) == null) {
                return;
            }
            b.flip();
            assertEquals(REQUEST_LENGTH, b.remaining(), "a re-request is 20 bytes");
            long first = b.getLong(SEQUENCE_OFFSET);
            int count = b.getShort(COUNT_OFFSET) & 0xFFFF;
            assertTrue(first >= 1 && count >= 1 && count <= MoldUdp64Ingestor.REQUEST_CHUNK, first + "+" + count);
            if (sequencer != null) {
                assertTrue(first + count <= sequencer.next() + MoldUdp64Ingestor.REQUEST_WINDOW + 1
                        && first + count > 0, "re-request " + first + "+" + count + " within the window after "
                        + sequencer.next());
            }
        }
    }

    /** Message {@code s} of the feed: 1 to 40 bytes, derived from the sequence. */
    static byte[] payload(long s) {
        byte[] p = new byte[1 + (int) (s * 7 % 40)];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (s * 31 + i);
        }
        return p;
    }

    /** Writes a data packet of {@code count} feed messages from {@code seq}; returns its length. */
    static int data(byte[] packet, String session, long seq, int count) {
        ByteBuffer b = ByteBuffer.wrap(packet);
        b.put(MoldUdp64Layout.session(session)).putLong(seq).putShort((short) count);
        for (int i = 0; i < count; i++) {
            byte[] m = payload(Math.max(0, seq + i));
            b.putShort((short) m.length).put(m);
        }
        return b.position();
    }

    /** Writes a heartbeat or end-of-session packet ({@code count}) at {@code seq}; returns its length. */
    static int control(byte[] packet, String session, long seq, int count) {
        ByteBuffer.wrap(packet).put(MoldUdp64Layout.session(session)).putLong(seq).putShort((short) count);
        return HEADER_LENGTH;
    }

    /** The oracle's own MoldUDP64 framing: what each well-formed data packet carried, by "session/sequence". */
    private static void remember(byte[] packet, int length, Map<String, Set<String>> carried) {
        if (length < HEADER_LENGTH) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(packet, 0, length);
        long seq = b.getLong(SEQUENCE_OFFSET);
        int count = b.getShort(COUNT_OFFSET) & 0xFFFF;
        if (count == COUNT_HEARTBEAT || count == COUNT_END_OF_SESSION) {
            return;
        }
        // As the journal's session start records it: ASCII, anything else as '?'.
        String session = new String(MoldUdp64Layout.sessionName(packet, SESSION_OFFSET)
                .getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
        int p = HEADER_LENGTH;
        String[] messages = new String[count];
        for (int i = 0; i < count; i++) {
            if (p + 2 > length) {
                return;
            }
            int len = ((packet[p] & 0xFF) << 8) | (packet[p + 1] & 0xFF);
            if (len == 0 || p + 2 + len > length) {
                return;
            }
            messages[i] = latin(Arrays.copyOfRange(packet, p + 2, p + 2 + len));
            p += 2 + len;
        }
        if (p != length) {
            return;
        }
        for (int i = 0; i < count; i++) {
            carried.computeIfAbsent(session + "/" + (seq + i), k -> new HashSet<>()).add(messages[i]);
        }
    }

    private static String latin(byte[] b) {
        if (b == null) {
            fail("a message record without a payload");
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
