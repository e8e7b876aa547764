package io.tickjournal.replay;


import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A replay summary as the map {@code replay --summary-json FILE} writes as JSON: the figures of
 * the printed summary, and {@code latency_ns} with an object per stage ({@code p50 p90 p99 p999
 * p9999 max count}), which {@link LatencyBaseline} reads back.
 */
public final class ReplaySummaryJson {
    private ReplaySummaryJson() {
    }

    public static Map<String, Object> toMap(ReplaySummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("journal", s.journal().toString());
        m.put("messages", s.messages());
        m.put("seconds", s.seconds());
        m.put("messages_per_second", Math.round(s.messagesPerSecond()));
        m.put("shards", s.shards());
        m.put("range", s.range());
        m.put("pace", s.pace());
        m.put("symbols", s.symbols());
        m.put("counted_trades", s.countedTrades());
        m.put("bars", s.bars());
        m.put("cancelled", s.cancelled());
        m.put("digest", s.digest());
        // The first worker thread, from its first million messages to its end (-1: not measured).
        m.put("alloc_bytes_per_message_after_warmup", s.allocatedBytesPerMessage());
        m.put("worker_cpu_seconds", s.workerCpuSeconds());
        Map<String, Object> latency = new LinkedHashMap<>();
        s.latency().forEach((stage, p) -> {
            Map<String, Object> v = new LinkedHashMap<>(p.byName());
            v.put("count", p.count());
            latency.put(stage, v);
        });
        m.put("latency_ns", latency);
        return m;
    }
}
