package io.tickjournal.capture;

import io.tickjournal.feed.FeedMessages;
import io.tickjournal.feed.FeedServer;
import io.tickjournal.protocol.MoldUdp64Layout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static io.tickjournal.capture.CaptureFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** Malformed and hostile packets are counted and change nothing journaled; multicast on loopback. */
@Timeout(300)
class CaptureHostilePacketsTest {
    static final Consumer<String> SAY = line -> System.err.println("  " + line);
    static final long SEED = Long.getLong("seed", System.nanoTime());

    @TempDir
    Path dir;

    @Test
    @DisplayName("random bytes, truncated headers, oversized lengths, wrong session, impossible sequences: counted, journal exact")
    void hostilePacketsAreCountedAndChangeNothing() throws Exception {
        System.err.println("CaptureHostilePacketsTest seed " + SEED + " (rerun with -Dseed=" + SEED + ")");
        FeedMessages feed = FeedMessages.load(day(dir, 10_000, 7));
        int requestPort = freeUdpPort();
        CaptureDaemon capture = new CaptureDaemon(settings(dir, mold(0, new InetSocketAddress(LOOPBACK, requestPort),
                30_000), null), SAY).start();
        InetSocketAddress target = new InetSocketAddress(LOOPBACK, capture.moldPort());
        Random random = new Random(SEED);
        long sent = 0;
        try (DatagramChannel hostile = DatagramChannel.open(StandardProtocolFamily.INET)) {
            // Before the real feed: nothing here may be taken for the session.
            sent += sendGarbage(hostile, target, random, 200);
            await("garbage counted", 60_000, () -> capture.counters().malformed() == 200);
            try (FeedServer server = new FeedServer(feed, new FeedServer.Options(target, null, 20_000, "REALFEED",
                    requestPort, 0, 1, null, 100), SAY).start()) {
                await("the feed under way", 60_000, () -> capture.counters().messagesJournaled.get() > 1_000);
                sent += sendGarbage(hostile, target, random, 200);
                sent += sendCrafted(hostile, target);
                await("the end of session", 120_000, () -> capture.counters().endsOfSession.get() == 1);
                sent += sendCrafted(hostile, target);
                long expected = sent;
                await("every hostile packet counted", 60_000, () -> capture.counters().malformed() == expected);
            }
        }
        assertTrue(capture.stop());
        assertNull(capture.failure());
        CaptureCounters c = capture.counters();
        SAY.accept(capture.statusLine(0));
        assertEquals(sent, c.malformed(), "every hostile packet is counted as malformed");
        assertTrue(c.malformedShortHeader.get() >= 4, "short headers");
        assertTrue(c.malformedLength.get() >= 6, "bad lengths");
        assertTrue(c.malformedWrongSession.get() >= 2, "wrong sessions");
        assertEquals(2, c.malformedSequence.get(), "impossible sequences");
        List<CaptureFixture.Rec> records = records(dir.resolve("journal"));
        assertJournalHoldsExactly(feed, records);
        assertEquals(feed.count() + 2, records.size(), "session start, the messages, session end: nothing else");
        assertEquals(0, c.gapsUnrecovered.get());
        assertEquals(replayDigest(dir.resolve("journal"), dir.resolve("replayed")), stateDigest(dir.resolve("state")));
    }

    /** Random datagrams of 0..1500 bytes whose first bytes are never a valid header of the real session. */
    private static long sendGarbage(DatagramChannel ch, InetSocketAddress target, Random random, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[random.nextInt(1501)];
            random.nextBytes(b);
            if (b.length >= 10) {
                b[0] = '#'; // not the session's first letter, so never mistaken for the real session
            }
            ch.send(ByteBuffer.wrap(b), target);
            pause(i);
        }
        return n;
    }

    /** Hand-made hostile packets: each is malformed in exactly one way. Returns how many. */
    private static long sendCrafted(DatagramChannel ch, InetSocketAddress target) throws Exception {
        byte[] real = MoldUdp64Layout.session("REALFEED");
        byte[] other = MoldUdp64Layout.session("OTHERFEED");
        byte[] addOrder = new byte[36];
        addOrder[0] = 'A';
        int n = 0;
        // truncated headers
        for (int len : new int[]{1, 10, 19}) {
            ch.send(ByteBuffer.wrap(java.util.Arrays.copyOf(real, len)), target);
            n++;
        }
        // a message length past the end of the packet (oversized)
        ByteBuffer b = ByteBuffer.allocate(40);
        b.put(real).putLong(1).putShort((short) 1).putShort((short) 60_000).put(new byte[16]).flip();
        ch.send(b, target);
        n++;
        // a count larger than the messages present
        b = ByteBuffer.allocate(20 + 2 + 36);
        b.put(real).putLong(1).putShort((short) 3).putShort((short) 36).put(addOrder).flip();
        ch.send(b, target);
        n++;
        // a zero-length message block, and bytes left over after the last block
        b = ByteBuffer.allocate(22);
        b.put(real).putLong(2).putShort((short) 1).putShort((short) 0).flip();
        ch.send(b, target);
        n++;
        b = ByteBuffer.allocate(20 + 2 + 36 + 5);
        b.put(real).putLong(3).putShort((short) 1).putShort((short) 36).put(addOrder).put(new byte[5]).flip();
        ch.send(b, target);
        n++;
        // a heartbeat with a payload
        b = ByteBuffer.allocate(24);
        b.put(real).putLong(4).putShort((short) 0).putInt(7).flip();
        ch.send(b, target);
        n++;
        // a well-formed packet of another session, sequence 1
        b = ByteBuffer.allocate(20 + 2 + 36);
        b.put(other).putLong(1).putShort((short) 1).putShort((short) 36).put(addOrder).flip();
        ch.send(b, target);
        n++;
        // a well-formed packet of the real session with an impossible sequence (a jump past --max-gap)
        b = ByteBuffer.allocate(20 + 2 + 36);
        b.put(real).putLong(1L << 40).putShort((short) 1).putShort((short) 36).put(addOrder).flip();
        ch.send(b, target);
        n++;
        // the last header word of the random packets: a truncated header of just the session
        ch.send(ByteBuffer.wrap(real), target);
        n++;
        return n;
    }

    private static void pause(int i) throws InterruptedException {
        if (i % 50 == 49) {
            Thread.sleep(5); // keep the loopback receive buffer from overflowing under load
        }
    }

    @Test
    @DisplayName("multicast on loopback: the capture joins a group on 127.0.0.1 (skipped where the sandbox has no multicast)")
    void multicastOnLoopback() throws Exception {
        FeedMessages feed = FeedMessages.load(day(dir, 5_000, 11));
        InetSocketAddress group = new InetSocketAddress(InetAddress.getByName("239.255.42.99"), freeUdpPort());
        InetAddress iface = InetAddress.getByName("127.0.0.1");
        int requestPort = freeUdpPort();
        MoldUdp64Ingestor.Options mold = new MoldUdp64Ingestor.Options(group, iface,
                new InetSocketAddress(LOOPBACK, requestPort), null, 20, 30_000, 1_000_000_000L);
        CaptureDaemon capture;
        try {
            capture = new CaptureDaemon(settings(dir, mold, null), SAY).start();
        } catch (RuntimeException e) {
            Assumptions.abort("cannot join a multicast group on loopback here: " + e.getMessage());
            return;
        }
        try (FeedServer server = new FeedServer(feed, new FeedServer.Options(group, iface, 20_000, "MCAST",
                requestPort, 0, 1, null, 100), SAY).start()) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (capture.counters().packets.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (capture.counters().packets.get() == 0) {
                capture.stop();
                Assumptions.abort("joined the group but no multicast datagram arrived on loopback in 10 s");
            }
            await("the end of session", 120_000, () -> capture.counters().endsOfSession.get() == 1);
        }
        assertTrue(capture.stop());
        assertJournalHoldsExactly(feed, records(dir.resolve("journal")));
        assertEquals(replayDigest(dir.resolve("journal"), dir.resolve("replayed")), stateDigest(dir.resolve("state")));
    }
}
