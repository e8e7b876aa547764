package io.tickjournal.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.HdrHistogram.Histogram;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns an HdrHistogram of nanoseconds into a Prometheus classic histogram in seconds when
 * scraped: the count of values up to each bucket bound, their sum and count. The hot path keeps
 * recording into HdrHistogram (see {@link LatencyRecorder}); only a scrape converts.
 */
final class HistogramCollector implements Collector {
    /**
     * Bucket upper bounds, seconds: 1 us to 10 s, with 10 us, 50 us, 100 us, 1 ms and 10 ms among
     * them (a capture's receive-to-journal is tens of us, receive-to-map up to a few ms).
     */
    static final double[] BOUNDS_SECONDS = {
        1e-6, 5e-6, 10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6,
        1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 100e-3, 1, 10, Double.POSITIVE_INFINITY,
    };

    private final String name;
    private final String help;
    private final Supplier<Histogram> nanos;

    HistogramCollector(String name, String help, Supplier<Histogram> nanos) {
        this.name = Objects.requireNonNull(name);
        this.help = help;
        this.nanos = Objects.requireNonNull(nanos, name);
    }

    @Override
    public String getPrometheusName() {
        return name;
    }

    @Override
    public MetricSnapshot collect() {
        Histogram h = nanos.get();
        long[] counts = new long[BOUNDS_SECONDS.length];
        long below = 0;
        for (int i = 0; i < BOUNDS_SECONDS.length - 1; i++) {
            long cumulative = h.getCountBetweenValues(0, (long) (BOUNDS_SECONDS[i] * 1e9));
            counts[i] = cumulative - below;
            below = cumulative;
        }
        counts[counts.length - 1] = h.getTotalCount() - below;
        return HistogramSnapshot.builder()
                .name(name)
                .help(help)
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS_SECONDS, counts))
                        .sum(h.getMean() * h.getTotalCount() / 1e9)
                        .build())
                .build();
    }

    /** Metadata for the registry's name checks. */
    @Override
    public MetricMetadata getMetadata() {
        return new MetricMetadata(name, help);
    }
}
