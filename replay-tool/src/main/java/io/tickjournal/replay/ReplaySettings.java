package io.tickjournal.replay;

import io.tickjournal.TickjournalException;
import io.tickjournal.config.Setting;
import io.tickjournal.config.SettingType;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.engine.MarketEngine;
import io.tickjournal.vwap.VwapEngine;

import java.nio.file.Path;
import java.util.List;

import static io.tickjournal.config.SettingTypes.FLAG;
import static io.tickjournal.config.SettingTypes.LIST;
import static io.tickjournal.config.SettingTypes.PATH;
import static io.tickjournal.config.SettingTypes.SWITCH;
import static io.tickjournal.config.SettingTypes.TEXT;
import static io.tickjournal.config.SettingTypes.decimal;
import static io.tickjournal.config.SettingTypes.millis;
import static io.tickjournal.config.SettingTypes.oneOf;
import static io.tickjournal.config.SettingTypes.whole;

/**
 * Every setting of a replay, each defined once here: its key (the flag {@code --key} and a key of the
 * {@code --config} file), type, default and doc. The command's options and help, the file's keys and the
 * checks of each value come from this list; {@link ReplayContext} turns the values into {@link Replayer.Options}.
 * The FIX publisher's ({@code --fix-*}) and Kafka's ({@code --kafka}, {@code --topic}, ...) options are the
 * ones those commands share, and are flags only.
 */
public final class ReplaySettings {
    /** The first word of a replay setting's error message. */
    public static final String SCOPE = "replay";

    /** A positive power of 2 up to 2^30 (a sampling mask). */
    private static final SettingType<Long> POWER_OF_TWO = text -> {
        String reason = "must be a power of 2 from 1 to 1073741824";
        long n;
        try {
            n = whole(1, 1 << 30).parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(reason, e);
        }
        if (Long.bitCount(n) != 1) {
            throw new IllegalArgumentException(reason);
        }
        return n;
    };

    /** A ratio above 0. */
    private static final SettingType<Double> POSITIVE_RATIO = decimal(f -> f > 0 && !Double.isInfinite(f),
            "must be a positive number such as 2.0");

    /** {@link Pace#parse}'s words. */
    private static final SettingType<Pace> PACE_TYPE = text -> {
        try {
            return Pace.parse(text);
        } catch (TickjournalException e) {
            throw new IllegalArgumentException("must be max, realtime or xN (N > 0, e.g. x10)", e);
        }
    };

    /** Journal directory. */
    public static final Setting<Path> JOURNAL = optional("journal", "DIR", PATH, "",
            "journal directory (or --kafka)");
    /** State directory. */
    public static final Setting<Path> STATE = optional("state", "DIR", PATH, "(required)",
            "state directory to (re)build; a previous state there is replaced");
    /** Bar window. */
    public static final Setting<Long> WINDOW_MS = Setting.of(SCOPE, "window-ms", "MS", millis(1),
            String.valueOf(VwapEngine.DEFAULT_WINDOW_MS),
            "bar window in ms of ITCH time");
    /** Thread pinning. */
    public static final Setting<CorePinning.Mode> PIN = Setting.of(SCOPE, "pin", "auto|on|off",
            oneOf(CorePinning.Mode.class), "auto", "pin the tailer thread to a core: auto pins when a core is free");
    /** Order index sizing. */
    public static final Setting<Long> EXPECTED_ORDERS = Setting.of(SCOPE, "expected-orders", "N",
            whole(1, Integer.MAX_VALUE), String.valueOf(MarketEngine.DEFAULT_EXPECTED_ORDERS),
            "live orders to size the order index for, at least (a long journal sizes it from its length); it "
                    + "grows beyond");
    /** Match-number index sizing. */
    public static final Setting<Long> EXPECTED_TRADES = Setting.of(SCOPE, "expected-trades", "N",
            whole(1, Integer.MAX_VALUE), String.valueOf(MarketEngine.DEFAULT_EXPECTED_TRADES),
            "counted trades to size the match-number index (for B) for, at least (a long journal sizes it from its "
                    + "length); it grows beyond");
    /** Checksums off. */
    public static final Setting<Boolean> NO_VERIFY_CHECKSUMS = flag("no-verify-checksums",
            "skip the CRC32C check of each record (faster; corruption goes unnoticed)");
    /** Start of the reported range. */
    public static final Setting<String> FROM = optional("from", "TIME|index:N", TEXT, "",
            "write bars from this ITCH event time (HH:MM[:SS[.fffffffff]]) or journal index on; "
                    + "earlier messages still build the books");
    /** End of the replay. */
    public static final Setting<String> TO = optional("to", "TIME|index:N", TEXT, "",
            "stop before the first message at or past this event time or journal index");
    /** Symbols replayed. */
    public static final Setting<List<String>> SYMBOLS = optional("symbols", "SYM,...", LIST, "",
            "replay only these symbols");
    /** Pace. */
    public static final Setting<Pace> PACE = Setting.of(SCOPE, "pace", "max|realtime|xN", PACE_TYPE, "max",
            "flat out, as the ITCH timestamps say, or N times faster");
    /** Follow a live journal. */
    public static final Setting<Boolean> FOLLOW = flag("follow",
            "after the history, keep up with a journal still being written until stopped");
    /** Tailer threads. */
    public static final Setting<Long> SHARDS = Setting.of(SCOPE, "shards", "N", whole(1, 64), "1",
            "tailer threads, each owning a share of the symbols; the bar stream is identical");
    /** Latency measurement on or off; absent: decided by the pace and outputs. */
    public static final Setting<Boolean> LATENCY = optional("latency", "", SWITCH, "",
            "measure per-stage latency (default: on with --pace realtime|xN, --histogram or --baseline)");
    /** Latency sampling. */
    public static final Setting<Long> LATENCY_SAMPLE = Setting.of(SCOPE, "latency-sample", "N", POWER_OF_TWO, "64",
            "time the stages of one message in N, a power of 2 (clock reads are not free)");
    /** Histogram log. */
    public static final Setting<Path> HISTOGRAM = optional("histogram", "FILE.hlog", PATH, "",
            "write interval histograms per stage (HistogramLogWriter; read with HistogramLogProcessor -tag STAGE)");
    /** Summary as JSON. */
    public static final Setting<Path> SUMMARY_JSON = optional("summary-json", "FILE", PATH, "",
            "write the summary as JSON (usable as a --baseline)");
    /** Latency baseline. */
    public static final Setting<Path> BASELINE = optional("baseline", "FILE", PATH, "",
            "compare stage latencies with a saved --summary-json; exit 1 on a regression");
    /** Regression threshold. */
    public static final Setting<Double> REGRESSION_FACTOR = Setting.of(SCOPE, "regression-factor", "F",
            POSITIVE_RATIO, "2.0", "a percentile regresses when above F times its baseline");

    /** Every replay setting, in the order of help and docs. */
    public static final List<Setting<?>> ALL = List.of(JOURNAL, STATE, WINDOW_MS, PIN, EXPECTED_ORDERS,
            EXPECTED_TRADES, NO_VERIFY_CHECKSUMS, FROM, TO, SYMBOLS, PACE, FOLLOW, SHARDS, LATENCY, LATENCY_SAMPLE,
            HISTOGRAM, SUMMARY_JSON, BASELINE, REGRESSION_FACTOR);

    private ReplaySettings() {
    }

    private static <T> Setting<T> optional(String key, String label, SettingType<T> type, String absentDoc,
                                           String doc) {
        return Setting.optional(SCOPE, key, label, type, absentDoc, doc);
    }

    private static Setting<Boolean> flag(String key, String doc) {
        return Setting.of(SCOPE, key, "", FLAG, "false", "", doc);
    }
}
