package io.tickjournal.capture;

import io.tickjournal.config.Setting;
import io.tickjournal.config.SettingType;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.vwap.VwapEngine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static io.tickjournal.config.SettingTypes.ADDRESS;
import static io.tickjournal.config.SettingTypes.HOST_PORT;
import static io.tickjournal.config.SettingTypes.NON_BLANK;
import static io.tickjournal.config.SettingTypes.PATH;
import static io.tickjournal.config.SettingTypes.SIZE;
import static io.tickjournal.config.SettingTypes.TEXT;
import static io.tickjournal.config.SettingTypes.millis;
import static io.tickjournal.config.SettingTypes.oneOf;
import static io.tickjournal.config.SettingTypes.whole;

/**
 * Every setting of the capture daemon, each defined once here: its key (a key of the {@code --config} file and
 * the flag {@code --key}), type, default and doc. The command line's options and help, the config file's keys,
 * the settings table of docs/operations.md (checked by a test) and the validation all come from this list;
 * {@link CaptureContext} turns the values into {@link CaptureDaemon.Settings}.
 */
public final class CaptureSettings {
    /** The first word of a capture setting's error message. */
    public static final String SCOPE = "capture";

    /** Journal directory. */
    public static final Setting<Path> JOURNAL = optional("journal", "DIR", PATH, "(required)",
            "journal directory (created if absent)");
    /** State directory. */
    public static final Setting<Path> STATE = optional("state", "DIR", PATH, "(required)",
            "state directory: map, bars, checkpoint, state.properties; resumed from the checkpoint at start");
    /** MoldUDP64 address. */
    public static final Setting<InetSocketAddress> MOLD = optional("mold", "HOST:PORT", HOST_PORT, "",
            "MoldUDP64: a multicast group GROUP:PORT to join, or a unicast HOST:PORT to bind");
    /** Multicast interface. */
    public static final Setting<InetAddress> INTERFACE = optional("interface", "IP", ADDRESS, "",
            "local interface address to join the multicast group on");
    /** MoldUDP64 re-request server. */
    public static final Setting<InetSocketAddress> REQUEST = optional("request", "HOST:PORT", HOST_PORT, "",
            "the feed's MoldUDP64 re-request server; without it every gap is journaled as lost at once");
    /** SoupBinTCP server. */
    public static final Setting<InetSocketAddress> SOUP = optional("soup", "HOST:PORT", HOST_PORT, "",
            "SoupBinTCP server HOST:PORT to log in to (instead of mold)");
    /** Session name. */
    public static final Setting<String> SESSION = optional("session", "NAME", TEXT, "journal's, or the feed's first",
            "session to capture; set it on a production host");
    /** SoupBinTCP username. */
    public static final Setting<String> USERNAME = Setting.of(SCOPE, "username", "NAME", TEXT, "",
            "SoupBinTCP login username");
    /** SoupBinTCP password. */
    public static final Setting<String> PASSWORD = Setting.of(SCOPE, "password", "TEXT", TEXT, "",
            "SoupBinTCP login password");
    /** Source id of every record. */
    public static final Setting<Long> SOURCE_ID = Setting.of(SCOPE, "source-id", "ID", whole(0, Integer.MAX_VALUE),
            "0", "written in every journal record, to tell feeds apart");
    /** Bar window. */
    public static final Setting<Long> WINDOW_MS = Setting.of(SCOPE, "window-ms", "MS", millis(1),
            String.valueOf(VwapEngine.DEFAULT_WINDOW_MS),
            "bar window in ms of ITCH time");
    /** Thread pinning. */
    public static final Setting<CorePinning.Mode> PIN = Setting.of(SCOPE, "pin", "auto|on|off",
            oneOf(CorePinning.Mode.class), "auto",
            "pin the ingestor and tailer threads (auto: only with at least 3 CPUs; on; off)");
    /** Re-request interval. */
    public static final Setting<Long> RETRANSMIT_MS = Setting.of(SCOPE, "retransmit-ms", "MS", millis(1), "50",
            "re-request an open gap this often");
    /** Gap timeout. */
    public static final Setting<Long> GAP_TIMEOUT_MS = Setting.of(SCOPE, "gap-timeout-ms", "MS", millis(1), "2000",
            "journal a gap as lost after this long without progress");
    /** Largest sequence jump that is a gap. */
    public static final Setting<Long> MAX_GAP = Setting.of(SCOPE, "max-gap", "N", whole(1, Long.MAX_VALUE),
            "1000000000", "a sequence jump above this is a malformed packet, not a gap");
    /** SoupBinTCP reconnect delay. */
    public static final Setting<Long> RECONNECT_MS = Setting.of(SCOPE, "reconnect-ms", "MS", millis(1), "1000",
            "SoupBinTCP reconnect delay");
    /** Status line interval. */
    public static final Setting<Long> STATUS_INTERVAL_MS = Setting.of(SCOPE, "status-interval-ms", "MS", millis(0),
            "5000", "one status line on stderr this often; 0 for none");
    /** Metrics port (-1 off). */
    public static final Setting<Long> METRICS_PORT = Setting.of(SCOPE, "metrics-port", "P", whole(-1, 65_535), "-1",
            "off", "serve /metrics and /healthz on 127.0.0.1 at this port (0: any free port; -1: off)");
    /** Health stall limit. */
    public static final Setting<Long> STALL_MS = Setting.of(SCOPE, "stall-ms", "MS", millis(1), "10000",
            "/healthz fails when an open session journals nothing for this long");
    /** Health lag limit. */
    public static final Setting<Long> MAX_LAG = Setting.of(SCOPE, "max-lag", "RECORDS", whole(0, Long.MAX_VALUE),
            "1000000", "/healthz fails when the tailer lags the journal by more records than this");
    /** Retention by count. */
    public static final Setting<Long> RETAIN_CYCLES = Setting.of(SCOPE, "retain-cycles", "N",
            whole(0, Integer.MAX_VALUE), "0", "all", "keep only the last N cycle files (0: all)");
    /** Retention by size. */
    public static final Setting<Long> RETAIN_BYTES = Setting.of(SCOPE, "retain-bytes", "BYTES", SIZE, "0",
            "no limit", "keep at most this many bytes of cycle files (500000000, 200g; 0: no limit)");
    /** Archive directory. */
    public static final Setting<Path> ARCHIVE_DIR = optional("archive-dir", "DIR", PATH, "delete",
            "gzip removed cycle files into this directory instead of deleting them");
    /** Retention interval. */
    public static final Setting<Long> RETENTION_INTERVAL_MS = Setting.of(SCOPE, "retention-interval-ms", "MS",
            millis(1), "60000", "how often retention runs");
    /** Checkpoint interval. */
    public static final Setting<Long> CHECKPOINT_INTERVAL_MS = Setting.of(SCOPE, "checkpoint-interval-ms", "MS",
            millis(1), String.valueOf(CaptureDaemon.Operations.DEFAULT_CHECKPOINT_INTERVAL_MS),
            "how often the tailer writes its checkpoint, what a restart resumes from (when it has applied "
                    + "something since)");
    /** Idle strategy. */
    public static final Setting<CaptureDaemon.Idle> IDLE = Setting.of(SCOPE, "idle", "MODE",
            oneOf(CaptureDaemon.Idle.class), "backoff",
            "what the ingestor and tailer threads do when there is no work: backoff (spin, yield, then park "
                    + "50/100 us: little CPU when quiet), yield (lower latency, two CPUs always busy), spin "
                    + "(lowest latency, for pinned threads with cores of their own)");

    /** Kafka cluster to publish to; absent: no publishing. */
    public static final Setting<String> KAFKA = optional("kafka", "HOST:PORT", NON_BLANK, "off",
            "publish every journaled record to this Kafka cluster, exactly once, as publish --follow does "
                    + "(docs/kafka.md); a broker that is away never stops or slows journaling");
    /** Topic of the journal's records. */
    public static final Setting<String> TOPIC = optional("topic", "T", NON_BLANK, "", "with kafka: the topic");
    /** Partitions of a topic to create. */
    public static final Setting<Long> PARTITIONS = Setting.of(SCOPE, "partitions", "N", whole(0, 100_000), "0",
            "1, or the topic's", "with kafka: partitions of the topic when it is created (by stock locate)");
    /** Kafka client properties. */
    public static final Setting<Path> KAFKA_CONFIG = optional("kafka-config", "FILE", PATH, "",
            "with kafka: Kafka client properties (SASL, TLS, ...)");
    /** Topic of the closed bars. */
    public static final Setting<String> BARS_TOPIC = optional("bars-topic", "B", NON_BLANK, "",
            "with kafka: also publish each bar the tailer closes to this topic (one JSON record per bar)");

    /** Every capture setting, in the order of help and docs. */
    public static final List<Setting<?>> ALL = List.of(JOURNAL, STATE, MOLD, INTERFACE, REQUEST, SOUP, SESSION,
            USERNAME, PASSWORD, SOURCE_ID, WINDOW_MS, PIN, RETRANSMIT_MS, GAP_TIMEOUT_MS, MAX_GAP, RECONNECT_MS,
            STATUS_INTERVAL_MS, METRICS_PORT, STALL_MS, MAX_LAG, RETAIN_CYCLES, RETAIN_BYTES, ARCHIVE_DIR,
            RETENTION_INTERVAL_MS, CHECKPOINT_INTERVAL_MS, IDLE, KAFKA, TOPIC, PARTITIONS, KAFKA_CONFIG, BARS_TOPIC);

    private CaptureSettings() {
    }

    /** Refuses a value of {@code setting} that is not positive, naming the setting. */
    static void requirePositive(Setting<Long> setting, long value) {
        if (value <= 0) {
            throw setting.invalid("must be positive, got " + value);
        }
    }

    private static <T> Setting<T> optional(String key, String label, SettingType<T> type, String absentDoc,
                                           String doc) {
        return Setting.of(SCOPE, key, label, type, null, absentDoc, doc);
    }
}
