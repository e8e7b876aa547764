package io.tickjournal.capture;

import io.tickjournal.feed.FeedMessages;
import io.tickjournal.feed.FeedServer;
import io.tickjournal.journal.JournalRetention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tickjournal.capture.CaptureFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** The operator's view of a running capture: Prometheus metrics and /healthz over loopback HTTP. */
@Timeout(300)
class CaptureOperationsTest {
    static final int MESSAGES = 10_000;
    static final Consumer<String> SAY = line -> System.err.println("  " + line);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(metrics);
        assertTrue(m.find(), name + " in\n" + metrics);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void metricsAndHealthOfALiveCapture() throws Exception {
        FeedMessages feed = FeedMessages.load(day(dir, MESSAGES, 7));
        CaptureDaemon.Settings base = settings(dir, mold(0, null, 1_000), null);
        CaptureDaemon.Operations ops = new CaptureDaemon.Operations(0, 60_000, 1_000_000,
                new JournalRetention.Policy(0, 0, null), 60_000);
        CaptureDaemon capture = new CaptureDaemon(new CaptureDaemon.Settings(base.journal(), base.state(), base.mold(),
                null, base.sourceId(), base.windowMs(), base.pin(), base.statusIntervalMs(), ops), SAY).start();
        try {
            int port = capture.metricsPort();
            assertTrue(port > 0);
            // Before the feed starts: no session open, so quiet is not a stall.
            HttpResponse<String> idle = get(port, "/healthz");
            assertEquals(200, idle.statusCode(), idle.body());
            try (FeedServer server = new FeedServer(feed, new FeedServer.Options(new InetSocketAddress(LOOPBACK,
                    capture.moldPort()), null, 50_000, "OPSFEED", null, 0, 1, null, 100), SAY).start()) {
                await("the end of session", 120_000, () -> capture.counters().endsOfSession.get() == 1
                        || capture.failure() != null);
            }
            await("the tailer to catch up", 60_000, () -> capture.counters().tailerLag() == 0);
            String metrics = get(port, "/metrics").body();
            assertEquals(MESSAGES, value(metrics, "tickjournal_messages_journaled_total"));
            assertEquals(capture.counters().bytesJournaled.get(), value(metrics, "tickjournal_bytes_journaled_total"));
            assertTrue(value(metrics, "tickjournal_packets_total") > 0);
            assertEquals(0, value(metrics, "tickjournal_malformed_packets_total"));
            assertEquals(0, value(metrics, "tickjournal_tailer_lag_records"));
            assertEquals(0, value(metrics, "tickjournal_tailer_lag_event_ns"));
            assertEquals(JournalRetention.diskBytes(dir.resolve("journal")), value(metrics, "tickjournal_journal_disk_bytes"));
            assertEquals(0, value(metrics, "tickjournal_session_open"), "the feed ended its session");
            HttpResponse<String> health = get(port, "/healthz");
            assertEquals(200, health.statusCode(), health.body());
        } finally {
            assertTrue(capture.stop());
        }
        assertNull(capture.failure());
    }

    @Test
    void healthFailsWhenTheTailerLagsPastTheLimit() throws Exception {
        FeedMessages feed = FeedMessages.load(day(dir, MESSAGES, 8));
        CaptureDaemon.Settings base = settings(dir, mold(0, null, 1_000), null);
        // A stall limit of 1 ms and a lag limit of 0 records: while the session is open, a check that
        // falls between two packets, or before the tailer has applied the last one, must fail.
        CaptureDaemon.Operations ops = new CaptureDaemon.Operations(0, 1, 0, new JournalRetention.Policy(0, 0, null), 60_000);
        CaptureDaemon capture = new CaptureDaemon(new CaptureDaemon.Settings(base.journal(), base.state(), base.mold(),
                null, base.sourceId(), base.windowMs(), base.pin(), base.statusIntervalMs(), ops), SAY).start();
        try (FeedServer server = new FeedServer(feed, new FeedServer.Options(new InetSocketAddress(LOOPBACK,
                capture.moldPort()), null, 2_000, "OPSFEED", null, 0, 1, null, 100), SAY).start()) {
            int port = capture.metricsPort();
            await("messages", 60_000, () -> capture.counters().messagesJournaled.get() > 10);
            boolean sawUnhealthy = false;
            for (int i = 0; i < 200 && !sawUnhealthy; i++) {
                HttpResponse<String> h = get(port, "/healthz");
                sawUnhealthy = h.statusCode() == 503 && h.body().contains("unhealthy");
                Thread.sleep(5);
            }
            assertTrue(sawUnhealthy, "/healthz reported the stall or the lag");
        } finally {
            assertTrue(capture.stop());
        }
    }
}
