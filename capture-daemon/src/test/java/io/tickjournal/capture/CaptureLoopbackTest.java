package io.tickjournal.capture;

import com.paritytrading.nassau.moldudp64.MoldUDP64DefaultMessageStore;
import com.paritytrading.nassau.moldudp64.MoldUDP64DownstreamPacket;
import com.paritytrading.nassau.moldudp64.MoldUDP64RequestServer;
import com.paritytrading.nassau.moldudp64.MoldUDP64Server;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.feed.FeedMessages;
import io.tickjournal.feed.FeedServer;
import io.tickjournal.journal.JournalRetention;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static io.tickjournal.capture.CaptureFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Loopback end to end: feed -> capture -> journal. The journal must hold exactly the file's
 * messages in order, and the state the capture kept live must equal a fresh replay of the journal.
 */
@Timeout(300)
class CaptureLoopbackTest {
    static final int MESSAGES = 20_000;
    static final long SEED = 20261122;
    static final Consumer<String> SAY = line -> System.err.println("  " + line);

    @TempDir
    Path dir;
    FeedMessages feed;

    @BeforeEach
    void generateDay() {
        feed = FeedMessages.load(day(dir, MESSAGES, SEED));
    }

    /** Our feed server on loopback serving the day over SoupBinTCP (session SOUPFEED) at {@code rate} msg/s. */
    private FeedServer soupFeed(int rate) {
        return new FeedServer(feed, new FeedServer.Options(null, null, rate, "SOUPFEED", null, 0, 1,
                new InetSocketAddress(LOOPBACK, 0), 200), SAY).start();
    }

    private static SoupBinTcpIngestor.Options soupFrom(FeedServer server, String user, String password) {
        return new SoupBinTcpIngestor.Options(new InetSocketAddress(LOOPBACK, server.soupPort()), null, user, password, 200);
    }

    @Test
    @DisplayName("MoldUDP64 from our feed server: exactly the file's messages, state equal to a replay")
    void moldFromOurFeed() throws Exception {
        CaptureCounters c = runMold(0.0, true, 10_000, 50_000);
        List<CaptureFixture.Rec> records = records(dir.resolve("journal"));
        assertJournalHoldsExactly(feed, records);
        assertEquals(new CaptureFixture.Rec('S', 1, 0, "mold:TESTFEED".getBytes()), records.get(0));
        assertEquals(new CaptureFixture.Rec('E', MESSAGES, 0, null), records.get(records.size() - 1));
        assertEquals(MESSAGES + 2, records.size(), "nothing but the session start, the messages and the end");
        assertEquals(0, c.gapsUnrecovered.get());
        assertEquals(0, c.malformed());
        assertDigestEqualsReplay();
    }

    @Test
    @DisplayName("loss: with --drop-rate 0.05 every gap is recovered through re-requests")
    void dropRateRecovered() throws Exception {
        CaptureCounters c = runMold(0.05, true, 30_000, 50_000);
        assertJournalHoldsExactly(feed, records(dir.resolve("journal")));
        assertTrue(c.gapsDetected.get() > 0, "gaps detected: " + c.gapsDetected.get());
        assertEquals(c.gapsDetected.get(), c.gapsRecovered.get(), "every gap recovered");
        assertEquals(0, c.gapsUnrecovered.get());
        assertTrue(c.reRequests.get() > 0);
        assertDigestEqualsReplay();
    }

    @Test
    @DisplayName("unrecoverable gaps (no re-request server): gap records, counted, capture goes on")
    void unrecoverableGapsAreJournaled() throws Exception {
        CaptureCounters c = runMold(0.05, false, 1_000, 50_000);
        List<CaptureFixture.Rec> records = records(dir.resolve("journal"));
        long lost = assertEachSequenceOnce(feed, records);
        long gapRecords = records.stream().filter(r -> r.kind() == 'G').count();
        assertTrue(gapRecords > 0, "gap records written");
        assertEquals(gapRecords, c.gapsUnrecovered.get(), "each unrecovered gap counted");
        assertEquals(lost, c.sequencesLost.get());
        assertEquals(MESSAGES - lost, c.messagesJournaled.get());
        // Capture goes on after a gap: a gap is followed by the next message journaled. Which packets the
        // feed drops depends on how messages fell into packets (timing), so the last packet may be among
        // them: then the last gap is found at the end of the session and its record precedes the session end.
        int lastGap = 0;
        boolean messageAfterGap = false;
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).kind() == 'G') {
                lastGap = i;
                messageAfterGap |= i + 1 < records.size() && records.get(i + 1).kind() == 'M';
            }
        }
        assertTrue(messageAfterGap, "capture went on after a gap");
        char afterLast = records.get(lastGap + 1).kind();
        assertTrue(afterLast == 'M' || afterLast == 'E' && lastGap + 2 == records.size(),
                "after the last gap, a message or (the tail lost) the session's end: " + afterLast);
        assertDigestEqualsReplay();
    }

    @Test
    @DisplayName("a re-request server that never answers: the gap is journaled after the gap timeout")
    void silentRequestServerTimesOut() throws Exception {
        CaptureCounters c = runMold(0.05, false, 300, 20_000, true);
        List<CaptureFixture.Rec> records = records(dir.resolve("journal"));
        assertEachSequenceOnce(feed, records);
        assertTrue(c.gapsUnrecovered.get() > 0, "gaps given up on");
        assertTrue(c.reRequests.get() > 0, "re-requests were sent");
        assertEquals(records.stream().filter(r -> r.kind() == 'G').count(), c.gapsUnrecovered.get());
        assertDigestEqualsReplay();
    }

    @Test
    @DisplayName("SoupBinTCP from our feed server: exactly the file's messages, state equal to a replay")
    void soupFromOurFeed() throws Exception {
        try (FeedServer server = soupFeed(50_000)) {
            SoupBinTcpIngestor.Options soup = soupFrom(server, "user", "pass");
            CaptureDaemon capture = new CaptureDaemon(settings(dir, null, soup), SAY).start();
            await("the end of session", 120_000, () -> capture.counters().endsOfSession.get() == 1
                    || capture.failure() != null);
            assertTrue(capture.stop());
            assertNull(capture.failure());
        }
        List<CaptureFixture.Rec> records = records(dir.resolve("journal"));
        assertJournalHoldsExactly(feed, records);
        assertEquals(new CaptureFixture.Rec('S', 1, 0, "soup:SOUPFEED".getBytes()), records.get(0));
        assertEquals(new CaptureFixture.Rec('E', MESSAGES, 0, null), records.get(records.size() - 1));
        assertDigestEqualsReplay();
    }

    @Test
    @DisplayName("SoupBinTCP restart: a stopped capture logs in again from its last journaled sequence")
    void soupRestartResumes() throws Exception {
        try (FeedServer server = soupFeed(10_000)) {
            SoupBinTcpIngestor.Options soup = soupFrom(server, "", "");
            CaptureDaemon first = new CaptureDaemon(settings(dir, null, soup), SAY).start();
            await("some messages", 60_000, () -> first.counters().messagesJournaled.get() > 2_000);
            assertTrue(first.stop());
            assertEquals(replayDigest(dir.resolve("journal"), dir.resolve("replayed-1")), stateDigest(dir.resolve("state")));
            long journaled = first.counters().messagesJournaled.get();
            assertTrue(journaled < MESSAGES, "stopped before the end");

            assertEquals(1, first.counters().checkpoints.get(), "the stop wrote a checkpoint");
            List<String> secondLog = new CopyOnWriteArrayList<>();
            CaptureDaemon second = new CaptureDaemon(settings(dir, null, soup), SAY.andThen(secondLog::add)).start();
            await("the tailer resumed", 60_000, () -> secondLog.stream().anyMatch(l -> l.contains("tailer resumes from its checkpoint")));
            assertEquals(first.counters().checkpointIndex.get(), second.counters().checkpointIndex.get());
            assertEquals("SOUPFEED", second.resume().session());
            assertEquals(journaled + 1, second.resume().next());
            await("the end of session", 120_000, () -> second.counters().endsOfSession.get() == 1);
            assertTrue(second.stop());
            assertEquals(MESSAGES - journaled, second.counters().messagesJournaled.get(), "only what was missed");
        }
        List<CaptureFixture.Rec> records = records(dir.resolve("journal"));
        assertJournalHoldsExactly(feed, records);
        assertEquals(2, records.stream().filter(r -> r.kind() == 'S').count(), "one session start per capture run");
        assertDigestEqualsReplay();
    }

    @Test
    @DisplayName("a checkpoint that cannot be written is logged and counted; capture goes on, nothing is lost")
    void checkpointFailureDoesNotStopCapture() throws Exception {
        try (FeedServer server = soupFeed(20_000)) {
            SoupBinTcpIngestor.Options soup = soupFrom(server, "", "");
            CaptureDaemon.Settings base = settings(dir, null, soup);
            CaptureDaemon.Settings every300ms = new CaptureDaemon.Settings(base.journal(), base.state(), null, soup, 0, 100,
                    CorePinning.Mode.OFF, 0, new CaptureDaemon.Operations(-1, 10_000, 1_000_000,
                    new JournalRetention.Policy(0, 0, null), 60_000, 300));
            List<String> log = new CopyOnWriteArrayList<>();
            CaptureDaemon capture = new CaptureDaemon(every300ms, SAY.andThen(log::add)).start();
            // a directory where the checkpoint's temporary file goes: every write fails
            Files.createDirectory(base.state().resolve("checkpoint.bin.tmp"));
            await("the end of session", 120_000, () -> capture.counters().endsOfSession.get() == 1
                    || capture.failure() != null);
            await("a failed checkpoint", 60_000, () -> capture.counters().checkpointFailures.get() > 0);
            assertTrue(capture.stop());
            assertNull(capture.failure());
            assertEquals(0, capture.counters().checkpoints.get());
            assertEquals(1, log.stream().filter(l -> l.contains("checkpoint failed")).count(), "logged once: " + log);
        }
        assertJournalHoldsExactly(feed, records(dir.resolve("journal")));
        assertDigestEqualsReplay();
    }

    @Test
    @DisplayName("MoldUDP64 from nassau's server (an independent sender, with its re-request server)")
    void moldFromNassau() throws Exception {
        int requestPort = freeUdpPort();
        CaptureDaemon capture = new CaptureDaemon(settings(dir, mold(0, new InetSocketAddress(LOOPBACK, requestPort),
                30_000), null), SAY).start();
        AtomicBoolean serving = new AtomicBoolean(true);
        MoldUDP64DefaultMessageStore store = new MoldUDP64DefaultMessageStore();
        try (DatagramChannel down = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel up = DatagramChannel.open(StandardProtocolFamily.INET)) {
            down.connect(new InetSocketAddress(LOOPBACK, capture.moldPort()));
            up.bind(new InetSocketAddress(LOOPBACK, requestPort));
            MoldUDP64Server server = new MoldUDP64Server(down, "NASSAU0001");
            MoldUDP64RequestServer requests = new MoldUDP64RequestServer(up);
            Thread requestThread = new Thread(() -> {
                while (serving.get()) {
                    try {
                        synchronized (store) {
                            requests.serve(store);
                        }
                    } catch (java.io.IOException e) {
                        return;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                }
            }, "nassau-requests");
            up.configureBlocking(false);
            requestThread.start();
            MoldUDP64DownstreamPacket packet = new MoldUDP64DownstreamPacket();
            for (long s = 1; s <= feed.count(); s++) {
                ByteBuffer message = ByteBuffer.wrap(feed.data(), feed.offset(s), feed.length(s)).slice();
                if (packet.remaining() < 2 + message.remaining()) {
                    sendNassau(server, store, packet);
                }
                packet.put(message);
            }
            sendNassau(server, store, packet);
            await("every message journaled", 120_000, () -> capture.counters().messagesJournaled.get() == MESSAGES);
            server.sendEndOfSession();
            await("the end of session", 60_000, () -> capture.counters().endsOfSession.get() == 1);
            serving.set(false);
            requestThread.join(10_000);
        }
        assertTrue(capture.stop());
        List<CaptureFixture.Rec> records = records(dir.resolve("journal"));
        assertJournalHoldsExactly(feed, records);
        assertEquals(new CaptureFixture.Rec('S', 1, 0, "mold:NASSAU0001".getBytes()), records.get(0));
        assertEquals(0, capture.counters().malformed());
        assertDigestEqualsReplay();
    }

    private static void sendNassau(MoldUDP64Server server, MoldUDP64DefaultMessageStore store,
                                   MoldUDP64DownstreamPacket packet) throws Exception {
        server.send(packet); // flips the payload and consumes it
        packet.payload().rewind();
        synchronized (store) {
            store.put(packet);
        }
        packet.clear();
        Thread.sleep(0, 200_000); // nassau's sender has no pacing; keep the loopback buffer from overflowing
    }

    CaptureCounters runMold(double dropRate, boolean requestServer, long gapTimeoutMs, long rate) throws Exception {
        return runMold(dropRate, requestServer, gapTimeoutMs, rate, false);
    }

    /** Runs our feed into a capture until the end of session; returns the capture's counters. */
    CaptureCounters runMold(double dropRate, boolean requestServer, long gapTimeoutMs, long rate, boolean silentRequest)
            throws Exception {
        int requestPort = freeUdpPort();
        InetSocketAddress request = requestServer || silentRequest ? new InetSocketAddress(LOOPBACK, requestPort) : null;
        CaptureDaemon capture = new CaptureDaemon(settings(dir, mold(0, request, gapTimeoutMs), null), SAY).start();
        try (FeedServer server = new FeedServer(feed, new FeedServer.Options(new InetSocketAddress(LOOPBACK,
                capture.moldPort()), null, rate, "TESTFEED", requestServer ? requestPort : null, dropRate, SEED, null, 100),
                SAY).start()) {
            await("the end of session", 120_000, () -> capture.counters().endsOfSession.get() == 1
                    || capture.failure() != null);
            if (dropRate > 0) {
                assertTrue(server.packetsDropped() > 0, "the feed dropped packets");
            }
        }
        assertTrue(capture.stop(), "stopped in time");
        assertNull(capture.failure());
        SAY.accept(capture.statusLine(0));
        return capture.counters();
    }

    void assertDigestEqualsReplay() {
        assertEquals(replayDigest(dir.resolve("journal"), dir.resolve("replayed")), stateDigest(dir.resolve("state")),
                "the capture's live state equals a replay of its journal");
    }
}
