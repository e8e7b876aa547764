package io.tickjournal.config;

import org.agrona.SystemUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;

/**
 * The kinds of setting values: text, paths, addresses, bounded numbers, durations, sizes, choices, lists,
 * flags.
 */
public final class SettingTypes {
    /** Any text, as given (trimmed). */
    public static final SettingType<String> TEXT = text -> text;

    /** Text that is not blank (a name, an address to bind). */
    public static final SettingType<String> NON_BLANK = text -> {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return text;
    };

    /** A file-system path; blank is refused. */
    public static final SettingType<Path> PATH = text -> {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must be a path");
        }
        return Path.of(text);
    };

    /** A host name or IP address, resolved when read. */
    public static final SettingType<InetAddress> ADDRESS = SettingTypes::address;

    /** {@code HOST:PORT}, the host resolved, the port 0 to 65535. */
    public static final SettingType<InetSocketAddress> HOST_PORT = text -> {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("must be HOST:PORT");
        }
        long port = wholeNumber(text.substring(colon + 1), 0, 65_535, "port must be a number from 0 to 65535");
        return new InetSocketAddress(address(text.substring(0, colon)), (int) port);
    };

    /**
     * A byte count, read by Agrona's {@link SystemUtil#parseSize}: a number, or one with a k, m or g suffix
     * (powers of 1024: {@code 64m}, {@code 200g}); not negative.
     */
    public static final SettingType<Long> SIZE = text -> {
        String reason = "must be a byte count such as 500000000, 64m or 200g";
        long bytes;
        try {
            bytes = SystemUtil.parseSize("size", text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(reason, e);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException(reason);
        }
        return bytes;
    };

    /** Comma-separated items, each trimmed; blank ones dropped. */
    public static final SettingType<List<String>> LIST = text -> {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return List.copyOf(items);
    };

    /**
     * On or off, given as a flag without a value ({@code --follow}: on) or in a file as {@code true} or
     * {@code false}.
     */
    public static final SettingType<Boolean> FLAG = SettingTypes::bool;

    /**
     * On or off, given as a flag that has a negative ({@code --latency}, {@code --no-latency}) or in a file as
     * {@code true} or {@code false}; a setting of this kind without a default is decided from the others.
     */
    public static final SettingType<Boolean> SWITCH = SettingTypes::bool;

    /**
     * A decimal number for which {@code accepted} holds; {@code reason} says which ones are ("must be a positive
     * number such as 2.0").
     */
    public static SettingType<Double> decimal(DoublePredicate accepted, String reason) {
        return text -> {
            double d;
            try {
                d = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(reason, e);
            }
            if (!accepted.test(d)) {
                throw new IllegalArgumentException(reason);
            }
            return d;
        };
    }

    private static final long NS_PER_MS = TimeUnit.MILLISECONDS.toNanos(1);

    private SettingTypes() {
    }

    /** A whole number from {@code min} to {@code max}. */
    public static SettingType<Long> whole(long min, long max) {
        String reason = min == 1 && max == Long.MAX_VALUE ? "must be a positive whole number"
                : min == 0 && max == Long.MAX_VALUE ? "must be a whole number, not negative"
                : "must be a whole number from " + min + " to " + max;
        return text -> wholeNumber(text, min, max, reason);
    }

    /**
     * A duration in milliseconds, at least {@code minMs}: a bare number is milliseconds (the unit of the
     * {@code *-ms} keys); with a unit it is read by Agrona's {@link SystemUtil#parseDuration} ({@code 5s},
     * {@code 250ms}, {@code 2000us}, {@code 1000000ns}) and must come to whole milliseconds.
     */
    public static SettingType<Long> millis(long minMs) {
        String reason = (minMs > 0 ? "must be a positive duration" : "must be a duration, not negative")
                + " in ms, or with a unit: 5s, 250ms, 2000us";
        return text -> {
            if (!text.isEmpty() && Character.isDigit(text.charAt(text.length() - 1))) {
                return wholeNumber(text, minMs, Long.MAX_VALUE, reason);
            }
            long ns;
            try {
                ns = SystemUtil.parseDuration("duration", text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(reason, e);
            }
            if (ns < minMs * NS_PER_MS || ns % NS_PER_MS != 0) {
                throw new IllegalArgumentException(reason + " (whole milliseconds)");
            }
            return ns / NS_PER_MS;
        };
    }

    /** One of the constants of {@code type}, by name in any case ("backoff" for {@code BACKOFF}). */
    public static <E extends Enum<E>> SettingType<E> oneOf(Class<E> type) {
        E[] constants = type.getEnumConstants();
        StringBuilder names = new StringBuilder("must be ");
        for (int i = 0; i < constants.length; i++) {
            names.append(i == 0 ? "" : i == constants.length - 1 ? " or " : ", ")
                    .append(constants[i].name().toLowerCase(Locale.ROOT));
        }
        String reason = names.toString();
        return text -> {
            for (E e : constants) {
                if (e.name().equalsIgnoreCase(text)) {
                    return e;
                }
            }
            throw new IllegalArgumentException(reason);
        };
    }

    private static long wholeNumber(String text, long min, long max, String reason) {
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(reason, e);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(reason);
        }
        return n;
    }

    private static Boolean bool(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException("must be true or false");
    }

    private static InetAddress address(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("must be a host name or address");
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'", e);
        }
    }
}
