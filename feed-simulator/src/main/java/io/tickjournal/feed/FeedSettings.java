package io.tickjournal.feed;

import io.tickjournal.config.Setting;
import io.tickjournal.config.SettingType;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static io.tickjournal.config.SettingTypes.ADDRESS;
import static io.tickjournal.config.SettingTypes.HOST_PORT;
import static io.tickjournal.config.SettingTypes.PATH;
import static io.tickjournal.config.SettingTypes.TEXT;
import static io.tickjournal.config.SettingTypes.decimal;
import static io.tickjournal.config.SettingTypes.millis;
import static io.tickjournal.config.SettingTypes.whole;

/**
 * Every setting of the feed simulator ({@code tickjournal feed}), each defined once here: its key (the flag
 * {@code --key} and a key of the {@code --config} file), type, default and doc. The command's options and help
 * and the checks of each value come from this list; {@link FeedServer.Options} refuses a bad combination
 * naming the setting.
 */
public final class FeedSettings {
    /** The first word of a feed setting's error message. */
    public static final String SCOPE = "feed";

    /** A fraction from 0 (inclusive) to 1 (exclusive). */
    private static final SettingType<Double> FRACTION = decimal(p -> p >= 0 && p < 1,
            "must be a fraction in [0, 1) such as 0.01");

    /** The file served. */
    public static final Setting<Path> ITCH = Setting.optional(SCOPE, "itch", "FILE", PATH, "(required)",
            "BinaryFILE to serve (plain or gzip)");
    /** MoldUDP64 destination. */
    public static final Setting<InetSocketAddress> MOLD = optional("mold", "HOST:PORT", HOST_PORT,
            "send MoldUDP64 to this unicast or multicast address");
    /** Multicast interface. */
    public static final Setting<InetAddress> INTERFACE = optional("interface", "IP", ADDRESS,
            "local interface for multicast, and the address the re-request server binds");
    /** Publishing rate. */
    public static final Setting<Long> RATE = Setting.of(SCOPE, "rate", "MSGS_PER_S", whole(0, Long.MAX_VALUE), "0",
            "messages per second; 0 sends as fast as possible");
    /** Session name. */
    public static final Setting<String> SESSION = Setting.of(SCOPE, "session", "NAME", TEXT, "TICKJ00001",
            "session name, up to 10 characters");
    /** Re-request server port. */
    public static final Setting<Long> REQUEST_PORT = optional("request-port", "PORT", whole(0, 65_535),
            "serve MoldUDP64 re-requests on this UDP port (0: any free port); none when absent");
    /** Deliberate loss. */
    public static final Setting<Double> DROP_RATE = Setting.of(SCOPE, "drop-rate", "P", FRACTION, "0",
            "drop this fraction of downstream MoldUDP64 packets, for loss tests");
    /** Seed of the loss. */
    public static final Setting<Long> DROP_SEED = Setting.of(SCOPE, "drop-seed", "S",
            whole(Long.MIN_VALUE, Long.MAX_VALUE), "1", "seed of the drops");
    /** SoupBinTCP listen address. */
    public static final Setting<InetSocketAddress> SOUP = optional("soup", "HOST:PORT", HOST_PORT,
            "serve SoupBinTCP on this address (port 0: any free port)");
    /** Heartbeat interval. */
    public static final Setting<Long> HEARTBEAT_MS = Setting.of(SCOPE, "heartbeat-ms", "MS", millis(1), "1000",
            "heartbeat interval when idle");

    /** Every feed setting, in the order of help and docs. */
    public static final List<Setting<?>> ALL = List.of(ITCH, MOLD, INTERFACE, RATE, SESSION, REQUEST_PORT,
            DROP_RATE, DROP_SEED, SOUP, HEARTBEAT_MS);

    private FeedSettings() {
    }

    private static <T> Setting<T> optional(String key, String label, SettingType<T> type, String doc) {
        return Setting.optional(SCOPE, key, label, type, "", doc);
    }
}
