package io.tickjournal.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickjournal.TickjournalException;
import io.tickjournal.state.BarRecord;

/**
 * One bar as the bars topic's JSON value: the {@code bars} CSV columns ({@link BarsCommand#CSV_HEADER}),
 * integers as JSON numbers and {@code vwap} as the CSV's decimal string. Thread-safe.
 */
final class BarsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BarsJson() {
    }

    /** The bar as UTF-8 JSON. */
    static byte[] encode(BarRecord b) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("symbol", b.symbol());
        o.put("window_start_ns", b.windowStartNs());
        o.put("trades", b.trades());
        o.put("volume", b.volume());
        o.put("notional", b.notional());
        o.put("vwap", Cli.vwap(b.notional(), b.volume()));
        o.put("open", b.open());
        o.put("high", b.high());
        o.put("low", b.low());
        o.put("close", b.close());
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new TickjournalException("bar of " + b.symbol() + " as JSON: " + e.getMessage(), e);
        }
    }
}
