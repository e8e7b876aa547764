package io.tickjournal.replay;

import io.tickjournal.TickjournalException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a journal a replay reports on: {@code --from}/{@code --to}, each an ITCH event
 * time ({@code HH:MM}, {@code HH:MM:SS} or {@code HH:MM:SS.fffffffff}, time since midnight as
 * in the messages) or a journal index ({@code index:N}). The engine still applies every message
 * before {@code from} (order books and session totals need the whole history); what the range
 * decides is which bars are written and where the replay stops:
 * <ul>
 *   <li>bars are written for windows starting at or after the {@code from} time, closed by
 *       messages at or after the {@code from} index;</li>
 *   <li>the replay stops before the first message at or past {@code to} (time or index); a
 *       {@code to} time closes the windows that end by then, as a message at that time would.</li>
 * </ul>
 * So the bars of a ranged replay are the full replay's bars with {@code from <= window start}
 * and {@code window end <= to}, and its state is the full replay's state as it was at {@code to}.
 */
public record ReplayRange(long fromTimeNs, long toTimeNs, long fromIndex, long toIndex) {
    public static final ReplayRange ALL = new ReplayRange(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MAX_VALUE);

    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?");
    private static final Pattern INDEX = Pattern.compile("index:(\\d+|0x[0-9a-fA-F]+)");

    /** Parses {@code --from} and {@code --to} (either may be null). */
    public static ReplayRange parse(String from, String to) {
        long fromTime = Long.MIN_VALUE;
        long toTime = Long.MAX_VALUE;
        long fromIndex = Long.MIN_VALUE;
        long toIndex = Long.MAX_VALUE;
        if (from != null) {
            long[] v = bound("--from", from);
            if (v[0] == 0) {
                fromTime = v[1];
            } else {
                fromIndex = v[1];
            }
        }
        if (to != null) {
            long[] v = bound("--to", to);
            if (v[0] == 0) {
                toTime = v[1];
            } else {
                toIndex = v[1];
            }
        }
        if (fromTime != Long.MIN_VALUE && toTime != Long.MAX_VALUE && fromTime >= toTime
                || fromIndex != Long.MIN_VALUE && toIndex != Long.MAX_VALUE && fromIndex >= toIndex) {
            throw new TickjournalException("--from " + from + " is not before --to " + to);
        }
        return new ReplayRange(fromTime, toTime, fromIndex, toIndex);
    }

    /** {0, time ns} or {1, index}. */
    private static long[] bound(String option, String text) {
        String s = text.trim();
        Matcher m = TIME.matcher(s);
        if (m.matches()) {
            long h = Long.parseLong(m.group(1));
            long min = Long.parseLong(m.group(2));
            long sec = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
            if (h > 23 || min > 59 || sec > 59) {
                throw new TickjournalException(option + " " + text + ": not a time of day");
            }
            String f = m.group(4) == null ? "" : m.group(4);
            long nanos = f.isEmpty() ? 0 : Long.parseLong((f + "000000000").substring(0, 9));
            return new long[]{0, ((h * 60 + min) * 60 + sec) * 1_000_000_000L + nanos};
        }
        m = INDEX.matcher(s);
        if (m.matches()) {
            String n = m.group(1);
            return new long[]{1, n.startsWith("0x") ? Long.parseUnsignedLong(n.substring(2), 16) : Long.parseLong(n)};
        }
        throw new TickjournalException(option + " " + text
                + ": expected an event time HH:MM[:SS[.fffffffff]] or index:N");
    }

    public boolean isAll() {
        return equals(ALL);
    }

    /** Whether a message at {@code index} and event time {@code t} is at or past the end of the range. */
    boolean ends(long index, long t) {
        return index >= toIndex || t >= toTimeNs;
    }

    /** Whether bars closed by the message at {@code index} are written. */
    boolean writesBarsAt(long index) {
        return index >= fromIndex;
    }

    @Override
    public String toString() {
        if (isAll()) {
            return "whole journal";
        }
        return "from " + (fromIndex != Long.MIN_VALUE ? "index "
                + fromIndex : fromTimeNs != Long.MIN_VALUE ? time(fromTimeNs) : "start")
                + " to " + (toIndex != Long.MAX_VALUE ? "index "
                        + toIndex : toTimeNs != Long.MAX_VALUE ? time(toTimeNs) : "end");
    }

    /** {@code HH:MM:SS.fffffffff} of ns since midnight. */
    public static String time(long ns) {
        long s = ns / 1_000_000_000L;
        return String.format("%02d:%02d:%02d.%09d", s / 3600, s / 60 % 60, s % 60, ns % 1_000_000_000L);
    }
}
