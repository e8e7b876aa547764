package io.tickjournal.capture;

import io.tickjournal.feed.FeedMessages;
import io.tickjournal.feed.FeedServer;
import io.tickjournal.protocol.MoldUdp64Layout;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.tickjournal.capture.CaptureFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Packets out of order, repeated, and missing: the ingestor keeps what runs ahead of a gap,
 * re-requests only what is missing, drops duplicates, and journals each sequence once, in order.
 */
@Timeout(300)
class CaptureReorderTest {
    static final long SEED = Long.getLong("seed", System.nanoTime());

    @TempDir
    Path dir;

    @Test
    @DisplayName("shuffled, duplicated and missing packets: the journal holds exactly the file's messages in order")
    void shuffledDuplicatedAndMissingPackets() throws Exception {
        System.err.println("CaptureReorderTest seed " + SEED + " (rerun with -Dseed=" + SEED + ")");
        Random random = new Random(SEED);
        FeedMessages feed = FeedMessages.load(day(dir, 12_000, 5));
        // The feed server serves re-requests only (its downstream goes to a port nobody reads).
        try (FeedServer server = new FeedServer(feed, new FeedServer.Options(new InetSocketAddress(LOOPBACK, freeUdpPort()),
                null, 0, "SHUFFLE", 0, 0, 1, null, 100), line -> { }).start()) {
            await("the feed published", 60_000, server::finished);
            CaptureDaemon capture = new CaptureDaemon(settings(dir, mold(0, new InetSocketAddress(LOOPBACK,
                    server.requestPort()), 60_000), null), line -> System.err.println("  " + line)).start();
            List<ByteBuffer> packets = packets(feed, "SHUFFLE", random);
            List<ByteBuffer> sent = new ArrayList<>();
            for (int i = 0; i < packets.size(); i++) {
                int roll = random.nextInt(100);
                if (roll < 5) {
                    continue; // lost: only a re-request brings it
                }
                sent.add(packets.get(i));
                if (roll < 15) {
                    sent.add(packets.get(i).duplicate()); // repeated
                }
            }
            // Shuffle within windows of 16 packets: arrival out of order, as after a route change.
            for (int from = 0; from < sent.size(); from += 16) {
                Collections.shuffle(sent.subList(from, Math.min(sent.size(), from + 16)), random);
            }
            try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
                InetSocketAddress target = new InetSocketAddress(LOOPBACK, capture.moldPort());
                for (int i = 0; i < sent.size(); i++) {
                    ch.send(sent.get(i).duplicate(), target);
                    if (i % 64 == 63) {
                        Thread.sleep(1);
                    }
                }
                ByteBuffer end = ByteBuffer.allocate(20);
                end.put(MoldUdp64Layout.session("SHUFFLE")).putLong(feed.count() + 1L).putShort((short) 0xFFFF).flip();
                while (capture.counters().endsOfSession.get() == 0) {
                    ch.send(end.duplicate(), target);
                    Thread.sleep(50);
                }
            }
            assertTrue(capture.stop());
            assertNull(capture.failure());
            CaptureCounters c = capture.counters();
            System.err.println("  " + capture.statusLine(0));
            assertTrue(c.duplicates.get() > 0, "duplicates seen and dropped");
            assertTrue(c.reRequests.get() > 0, "re-requests sent");
            assertEquals(c.gapsDetected.get(), c.gapsRecovered.get(), "every gap recovered");
            assertEquals(0, c.gapsUnrecovered.get());
        }
        assertJournalHoldsExactly(feed, records(dir.resolve("journal")));
        assertEquals(replayDigest(dir.resolve("journal"), dir.resolve("replayed")), stateDigest(dir.resolve("state")));
    }

    /** The file as MoldUDP64 packets of 1 to 20 messages each, built independently of the feed server. */
    private static List<ByteBuffer> packets(FeedMessages feed, String session, Random random) {
        List<ByteBuffer> packets = new ArrayList<>();
        byte[] name = MoldUdp64Layout.session(session);
        long s = 1;
        while (s <= feed.count()) {
            int n = (int) Math.min(1 + random.nextInt(20), feed.count() - s + 1);
            ByteBuffer b = ByteBuffer.allocate(MoldUdp64Layout.HEADER_LENGTH + n * 52);
            b.put(name).putLong(s).putShort((short) n);
            for (int i = 0; i < n; i++, s++) {
                b.putShort((short) feed.length(s)).put(feed.data(), feed.offset(s), feed.length(s));
            }
            b.flip();
            packets.add(b);
        }
        return packets;
    }
}
