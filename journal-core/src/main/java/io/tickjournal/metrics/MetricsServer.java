package io.tickjournal.metrics;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tickjournal.TickjournalException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The operator's view of a process over HTTP on a loopback port, with the official Prometheus
 * Java client: {@code /metrics} in the Prometheus text format, and {@code /healthz}, which
 * answers 200 "ok" while the {@link Health} supplier says healthy and 503 with the reason
 * otherwise.
 *
 * <p>Every metric is a callback that reads a counter the component keeps anyway (a plain
 * {@code long} field or an {@code AtomicLong}) when it is scraped: nothing on the hot path
 * knows about Prometheus, and a scrape costs the hot path nothing. Counter names get
 * Prometheus's {@code _total} suffix.
 *
 * <pre>{@code
 * MetricsServer server = MetricsServer.builder()
 *     .counter("tickjournal_messages_journaled", "ITCH messages appended to the journal", counters::messages)
 *     .gauge("tickjournal_tailer_lag_records", "journal records not yet applied", tailer::lag)
 *     .health(check::evaluate)
 *     .start(9464);
 * }</pre>
 */
public final class MetricsServer implements AutoCloseable {
    /** Path of the health check. */
    public static final String HEALTH_PATH = "/healthz";

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /** A builder of the metrics to serve. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port bound (useful when started on port 0). */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Collects metric definitions, then starts the server. */
    public static final class Builder {
        private final List<Runnable> registrations = new ArrayList<>();
        private final PrometheusRegistry registry = new PrometheusRegistry();
        private Supplier<Health> health = Health::ok;

        private Builder() {
        }

        /** A monotonic count, exposed as {@code name_total}. */
        public Builder counter(String name, String help, LongSupplier value) {
            Objects.requireNonNull(value, name);
            registrations.add(() -> CounterWithCallback.builder().name(name).help(help)
                    .callback(cb -> cb.call(value.getAsLong())).register(registry));
            return this;
        }

        /** A value that goes up and down. */
        public Builder gauge(String name, String help, LongSupplier value) {
            Objects.requireNonNull(value, name);
            registrations.add(() -> GaugeWithCallback.builder().name(name).help(help)
                    .callback(cb -> cb.call(value.getAsLong())).register(registry));
            return this;
        }

        /**
         * A Prometheus histogram in seconds ({@code name_bucket}, {@code _sum}, {@code _count}) of
         * the nanosecond values in the HdrHistogram {@code nanos} returns at each scrape (e.g.
         * {@link LatencyRecorder#total()}); buckets from 1 us to 10 s, 10 us, 50 us, 100 us, 1 ms
         * and 10 ms among them.
         */
        public Builder histogram(String name, String help, Supplier<org.HdrHistogram.Histogram> nanos) {
            HistogramCollector collector = new HistogramCollector(name, help, nanos);
            registrations.add(() -> registry.register(collector));
            return this;
        }

        /** What {@value #HEALTH_PATH} reports; healthy by default. */
        public Builder health(Supplier<Health> health) {
            this.health = Objects.requireNonNull(health);
            return this;
        }

        /** The registry the metrics go to (for tests and for adding other collectors). */
        public PrometheusRegistry registry() {
            return registry;
        }

        /**
         * Registers the metrics and starts serving on the loopback interface.
         *
         * @param port the port, 0 for any free one
         */
        public MetricsServer start(int port) {
            if (port < 0 || port > 65535) {
                throw new TickjournalException("metrics port must be 0..65535, got " + port);
            }
            registrations.forEach(Runnable::run);
            registrations.clear();
            Supplier<Health> check = health;
            try {
                HTTPServer server = HTTPServer.builder()
                        .inetAddress(InetAddress.getLoopbackAddress())
                        .port(port)
                        .registry(registry)
                        .defaultHandler(exchange -> serveDefault(exchange, check))
                        .buildAndStart();
                return new MetricsServer(server);
            } catch (IOException e) {
                throw new TickjournalException("cannot serve metrics on 127.0.0.1:" + port + ": " + e.getMessage(), e);
            }
        }
    }

    private static void serveDefault(HttpExchange exchange, Supplier<Health> check) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int status;
            String body;
            if (HEALTH_PATH.equals(path)) {
                Health h = evaluate(check);
                status = h.healthy() ? 200 : 503;
                body = h.healthy() ? "ok\n" : "unhealthy: " + h.reason() + "\n";
            } else if ("/".equals(path)) {
                status = 200;
                body = "tickjournal: /metrics (Prometheus text format), " + HEALTH_PATH + " (200 ok or 503 and why)\n";
            } else {
                status = 404;
                body = "not found: " + path + "\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Health evaluate(Supplier<Health> check) {
        try {
            Health h = check.get();
            return h == null ? Health.unhealthy("health check returned nothing") : h;
        } catch (RuntimeException e) {
            return Health.unhealthy("health check failed: " + e);
        }
    }
}
