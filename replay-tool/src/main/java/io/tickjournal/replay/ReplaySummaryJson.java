package io.tickjournal.replay;

import io.tickjournal.TickjournalException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A replay summary as JSON ({@code replay --summary-json FILE}): the figures of the printed
 * summary, and {@code latency_ns} with an object per stage ({@code p50 p90 p99 p999 p9999 max
 * count}), which {@link LatencyBaseline} reads back.
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
        Map<String, Object> latency = new LinkedHashMap<>();
        s.latency().forEach((stage, p) -> {
            Map<String, Object> v = new LinkedHashMap<>(p.byName());
            v.put("count", p.count());
            latency.put(stage, v);
        });
        m.put("latency_ns", latency);
        return m;
    }

    public static void write(ReplaySummary s, Path file) {
        try {
            Files.writeString(file, json(toMap(s), "") + "\n");
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
    }

    private static String json(Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{\n");
            for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> e = it.next();
                sb.append(indent).append("  \"").append(e.getKey()).append("\": ").append(json(e.getValue(), indent + "  "))
                        .append(it.hasNext() ? ",\n" : "\n");
            }
            return sb.append(indent).append('}').toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
