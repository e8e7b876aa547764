package io.tickjournal.feed;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickjournal.capture.FuzzNetwork;
import io.tickjournal.protocol.MoldUdp64Layout;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.tickjournal.protocol.MoldUdp64Layout.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz harness for the feed's MoldUDP64 re-request server ({@link FeedServer}), over real loopback
 * sockets. The feed is 300 messages of 1 to 64 bytes and a few vendor-extension messages larger than
 * a packet (a BinaryFILE may hold messages up to 65,535 bytes, and the feed serves any file).
 *
 * <p>Each input is one request datagram (raw bytes, or a request with fuzzed session, sequence and
 * count), sent from one socket; a well-formed probe request from a second socket follows it. The
 * probe's answer must come (the server still serves) and, since the server answers in order, the
 * first socket then holds the answer to the fuzzed request if there is one. Oracle: a request is
 * answered iff it is 20 bytes, of the feed's session, for a sequence from 1 to the last published;
 * the answer carries, from that sequence, between 1 and the count asked (at least 1) of the feed's
 * messages, byte for byte.
 */
class ReRequestServerFuzzTest {
    private static final String SESSION = "FUZZREQ";
    private static final int MESSAGES = 300;
    private static final long SEED = 20261205L;
    private static FeedMessages feed;
    private static FeedServer server;
    private static DatagramChannel moldSink;
    private static DatagramChannel asker;
    private static DatagramSocket prober;

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{server, moldSink, asker, prober}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing anyway
                }
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void request(FuzzedDataProvider data) throws IOException {
        FuzzNetwork.allowLoopbackOnly();
        start();
        byte[] request;
        if (data.consumeBoolean()) {
            request = data.consumeBytes(data.consumeInt(0, 40));
        } else {
            String session = new String[]{SESSION, "OTHER", "fuzzreq"}[data.consumeInt(0, 2)];
            long first = data.consumeBoolean() ? data.consumeLong(-5, MESSAGES + 10) : data.consumeLong();
            request = ByteBuffer.allocate(REQUEST_LENGTH).put(MoldUdp64Layout.session(session)).putLong(first)
                    .putShort((short) data.consumeInt(0, 0xFFFF)).array();
        }
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.requestPort());
        asker.send(ByteBuffer.wrap(request), to);
        probe(to);
        ByteBuffer reply = ByteBuffer.allocate(MAX_DATAGRAM);
        boolean answered = asker.receive(reply) != null;
        ByteBuffer r = ByteBuffer.wrap(request);
        boolean valid = request.length == REQUEST_LENGTH
                && Arrays.equals(request, 0, SESSION_LENGTH, MoldUdp64Layout.session(SESSION), 0, SESSION_LENGTH)
                && r.getLong(SEQUENCE_OFFSET) >= 1 && r.getLong(SEQUENCE_OFFSET) <= MESSAGES;
        if (!valid) {
            assertTrue(!answered, "an invalid request is not answered");
            return;
        }
        assertTrue(answered, "a valid request is answered");
        reply.flip();
        long first = r.getLong(SEQUENCE_OFFSET);
        int wanted = Math.max(1, r.getShort(COUNT_OFFSET) & 0xFFFF);
        List<byte[]> got = messages(reply, first);
        assertTrue(!got.isEmpty() && got.size() <= wanted, got.size() + " messages for " + wanted + " wanted");
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(message(first + i), got.get(i), "message " + (first + i));
        }
    }

    /** Asks for message 1 from the second socket; its answer must come within 5 s. */
    private static void probe(InetSocketAddress to) throws IOException {
        byte[] probe = ByteBuffer.allocate(REQUEST_LENGTH).put(MoldUdp64Layout.session(SESSION)).putLong(1)
                .putShort((short) 1).array();
        prober.send(new DatagramPacket(probe, probe.length, to));
        byte[] in = new byte[MAX_DATAGRAM];
        DatagramPacket p = new DatagramPacket(in, in.length);
        try {
            prober.receive(p);
        } catch (SocketTimeoutException e) {
            fail("the re-request server stopped answering");
        }
        List<byte[]> got = messages(ByteBuffer.wrap(in, 0, p.getLength()), 1);
        assertEquals(1, got.size(), "the probe's answer");
    }

    /** The messages of a data packet starting at {@code first}; fails on a packet not framed so. */
    private static List<byte[]> messages(ByteBuffer packet, long first) {
        assertTrue(packet.remaining() >= HEADER_LENGTH, "an answer has a header");
        byte[] session = new byte[SESSION_LENGTH];
        packet.get(0, session);
        assertArrayEquals(MoldUdp64Layout.session(SESSION), session, "the answer's session");
        assertEquals(first, packet.getLong(SEQUENCE_OFFSET), "the answer starts at the sequence asked for");
        int count = packet.getShort(COUNT_OFFSET) & 0xFFFF;
        List<byte[]> out = new ArrayList<>();
        int p = HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            int len = packet.getShort(p) & 0xFFFF;
            byte[] m = new byte[len];
            packet.get(p + 2, m);
            out.add(m);
            p += 2 + len;
        }
        assertEquals(packet.remaining(), p, "the answer's blocks fill it");
        return out;
    }

    /** Message {@code s} of the feed. */
    private static byte[] message(long s) {
        return Arrays.copyOfRange(feed.data(), feed.offset(s), feed.offset(s) + feed.length(s));
    }

    private static void start() throws IOException {
        if (server != null) {
            return;
        }
        SplittableRandom random = new SplittableRandom(SEED);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 1; i <= MESSAGES; i++) {
            // Every 50th message is a vendor extension larger than a packet's payload.
            byte[] m = new byte[i % 50 == 0 ? 1_400 + random.nextInt(2_000) : 1 + random.nextInt(64)];
            random.nextBytes(m);
            messages.add(m);
        }
        feed = FeedMessages.of(messages);
        moldSink = DatagramChannel.open(StandardProtocolFamily.INET);
        moldSink.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = new FeedServer(feed, new FeedServer.Options((InetSocketAddress) moldSink.getLocalAddress(), null, 0,
                SESSION, 0, 0, 1, null, 60_000), line -> { }).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (server.published() < MESSAGES) {
            if (System.nanoTime() > deadline) {
                fail("the feed did not publish its " + MESSAGES + " messages");
            }
            FeedServer.sleepMs(1);
        }
        asker = DatagramChannel.open(StandardProtocolFamily.INET);
        asker.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        asker.configureBlocking(false);
        prober = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        prober.setSoTimeout(5_000);
    }
}
