package io.tickjournal.replay;

import io.tickjournal.config.SettingValues;
import io.tickjournal.itch.Symbols;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.tickjournal.replay.ReplaySettings.BASELINE;
import static io.tickjournal.replay.ReplaySettings.EXPECTED_ORDERS;
import static io.tickjournal.replay.ReplaySettings.EXPECTED_TRADES;
import static io.tickjournal.replay.ReplaySettings.FOLLOW;
import static io.tickjournal.replay.ReplaySettings.FROM;
import static io.tickjournal.replay.ReplaySettings.HISTOGRAM;
import static io.tickjournal.replay.ReplaySettings.LATENCY;
import static io.tickjournal.replay.ReplaySettings.LATENCY_SAMPLE;
import static io.tickjournal.replay.ReplaySettings.NO_VERIFY_CHECKSUMS;
import static io.tickjournal.replay.ReplaySettings.PACE;
import static io.tickjournal.replay.ReplaySettings.PIN;
import static io.tickjournal.replay.ReplaySettings.SHARDS;
import static io.tickjournal.replay.ReplaySettings.STATE;
import static io.tickjournal.replay.ReplaySettings.SYMBOLS;
import static io.tickjournal.replay.ReplaySettings.TO;
import static io.tickjournal.replay.ReplaySettings.WINDOW_MS;

/**
 * A replay's settings as given (the Context pattern, as {@code CaptureContext} for capture): typed values of
 * {@link ReplaySettings}, each checked on its own when it was set, and {@link #conclude} which checks how they
 * go together and derives the {@link Replayer.Options} the replay runs with. Used on the thread that starts
 * the replay.
 */
public final class ReplayContext {
    private final SettingValues values;

    /** A context over {@code values}, which hold (at least) every one of {@link ReplaySettings#ALL}. */
    public ReplayContext(SettingValues values) {
        this.values = values;
    }

    /** A context over the replay settings alone. */
    public ReplayContext() {
        this(new SettingValues(ReplaySettings.SCOPE, ReplaySettings.ALL));
    }

    /** The values, to set from a file and flags. */
    public SettingValues values() {
        return values;
    }

    /**
     * The replay's options, reading {@code source} (the journal, or a label of the Kafka topic replayed instead);
     * a missing state directory, latency turned off while its outputs are asked for, or a symbol that cannot
     * be one is refused naming the setting.
     *
     * @param inlineWrites with one shard, append bars and write the map on the replay thread (to measure the
     *                     bars and state threads' effect)
     */
    public Replayer.Options conclude(Path source, boolean inlineWrites) {
        Path state = values.required(STATE);
        Pace pace = values.get(PACE);
        ReplayRange range = ReplayRange.parse(values.get(FROM), values.get(TO));
        boolean outputs = values.get(HISTOGRAM) != null || values.get(BASELINE) != null;
        Boolean latency = values.get(LATENCY);
        if (Boolean.FALSE.equals(latency) && outputs) {
            throw LATENCY.invalid("is off, but 'histogram' and 'baseline' need latency measurement");
        }
        boolean measure = latency != null ? latency : pace.paced() || outputs;
        return new Replayer.Options(source, state, values.get(WINDOW_MS), values.get(PIN),
                !values.get(NO_VERIFY_CHECKSUMS), values.get(EXPECTED_ORDERS).intValue(),
                values.get(EXPECTED_TRADES).intValue(), range, symbols(), pace, values.get(FOLLOW),
                values.get(SHARDS).intValue(), measure, values.get(LATENCY_SAMPLE).intValue(), values.get(HISTOGRAM),
                inlineWrites);
    }

    /** The symbols replayed, upper case; empty for all. */
    private Set<String> symbols() {
        Set<String> selected = new LinkedHashSet<>();
        List<String> given = values.get(SYMBOLS);
        for (String s : given == null ? List.<String>of() : given) {
            String symbol = s.toUpperCase(Locale.ROOT);
            if (symbol.length() > Symbols.STOCK_LENGTH) {
                throw SYMBOLS.invalid("'" + s + "' is not a stock symbol of 1 to 8 characters");
            }
            selected.add(symbol);
        }
        return selected;
    }
}
