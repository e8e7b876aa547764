package io.tickjournal.metrics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class MetricsServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(MetricsServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesCountersAndGaugesReadAtScrapeTime() throws Exception {
        AtomicLong messages = new AtomicLong(41);
        AtomicLong lag = new AtomicLong(7);
        try (MetricsServer server = MetricsServer.builder()
                .counter("tickjournal_messages_journaled", "ITCH messages appended", messages::get)
                .gauge("tickjournal_tailer_lag_records", "records not yet applied", lag::get)
                .start(0)) {
            messages.incrementAndGet();
            HttpResponse<String> r = get(server, "/metrics");
            assertEquals(200, r.statusCode());
            assertTrue(r.body().matches("(?s).*# TYPE tickjournal_messages_journaled(_total)? counter.*"), r.body());
            assertTrue(r.body().contains("tickjournal_messages_journaled_total 42.0"), r.body());
            assertTrue(r.body().contains("tickjournal_tailer_lag_records 7.0"), r.body());
            lag.set(3);
            assertTrue(get(server, "/metrics").body().contains("tickjournal_tailer_lag_records 3.0"));
            assertEquals(404, get(server, "/nothing-here").statusCode());
        }
    }

    @Test
    void healthzFollowsTheCheck() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(true);
        try (MetricsServer server = MetricsServer.builder()
                .health(() -> healthy.get() ? Health.ok() : Health.unhealthy("lag too high"))
                .start(0)) {
            HttpResponse<String> ok = get(server, "/healthz");
            assertEquals(200, ok.statusCode());
            assertEquals("ok\n", ok.body());
            healthy.set(false);
            HttpResponse<String> bad = get(server, "/healthz");
            assertEquals(503, bad.statusCode());
            assertTrue(bad.body().contains("lag too high"), bad.body());
        }
    }

    @Test
    void aThrowingCheckIsUnhealthyNotAnError() throws Exception {
        try (MetricsServer server = MetricsServer.builder()
                .health(() -> {
                    throw new IllegalStateException("boom");
                })
                .start(0)) {
            HttpResponse<String> r = get(server, "/healthz");
            assertEquals(503, r.statusCode());
            assertTrue(r.body().contains("boom"), r.body());
        }
    }

    @Test
    void ingestionHealthDetectsStallsAndLagButNotAClosedSession() {
        AtomicLong messages = new AtomicLong();
        AtomicBoolean open = new AtomicBoolean(true);
        AtomicLong lag = new AtomicLong();
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        IngestionHealth h = new IngestionHealth(messages::get, open::get, lag::get, 5_000_000_000L, 1000, clock::get);

        assertTrue(h.evaluate().healthy());
        clock.addAndGet(4_000_000_000L);
        messages.set(10);
        assertTrue(h.evaluate().healthy(), "messages keep coming");
        clock.addAndGet(6_000_000_000L);
        Health stalled = h.evaluate();
        assertFalse(stalled.healthy());
        assertTrue(stalled.reason().contains("stalled"), stalled.reason());

        open.set(false);
        assertTrue(h.evaluate().healthy(), "a feed that ended its session is quiet, not stalled");

        lag.set(1001);
        Health lagging = h.evaluate();
        assertFalse(lagging.healthy());
        assertTrue(lagging.reason().contains("lag 1001"), lagging.reason());
    }

    @Test
    void exportsALatencyRecorderAsAHistogramInSeconds() throws Exception {
        LatencyRecorder latency = new LatencyRecorder();
        for (long us : new long[] {8, 20, 40, 70, 900, 5_000}) {
            latency.record(us * 1_000);
        }
        try (MetricsServer server = MetricsServer.builder()
                .histogram("tickjournal_receive_to_journal_seconds", "receive to journal", latency::total)
                .start(0)) {
            String body = get(server, "/metrics").body();
            assertTrue(body.contains("# TYPE tickjournal_receive_to_journal_seconds histogram"), body);
            assertTrue(body.contains("tickjournal_receive_to_journal_seconds_bucket{le=\"1.0E-5\"} 1"), body);
            assertTrue(body.contains("tickjournal_receive_to_journal_seconds_bucket{le=\"5.0E-5\"} 3"), body);
            assertTrue(body.contains("tickjournal_receive_to_journal_seconds_bucket{le=\"1.0E-4\"} 4"), body);
            assertTrue(body.contains("tickjournal_receive_to_journal_seconds_bucket{le=\"0.001\"} 5"), body);
            assertTrue(body.contains("tickjournal_receive_to_journal_seconds_bucket{le=\"0.01\"} 6"), body);
            assertTrue(body.contains("tickjournal_receive_to_journal_seconds_bucket{le=\"+Inf\"} 6"), body);
            assertTrue(body.contains("tickjournal_receive_to_journal_seconds_count 6"), body);
            latency.record(20_000_000);
            assertTrue(get(server, "/metrics").body().contains("tickjournal_receive_to_journal_seconds_count 7"));
        }
    }
}
