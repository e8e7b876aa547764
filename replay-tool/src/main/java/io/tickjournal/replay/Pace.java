package io.tickjournal.replay;

import io.tickjournal.TickjournalException;

/**
 * How fast a replay goes: {@code max} (flat out), {@code realtime} (as the ITCH timestamps say)
 * or {@code xN} (N times real time, N may be fractional: {@code x10}, {@code x0.5}).
 *
 * @param speed 0 for max, else the ratio of event time to wall time
 */
public record Pace(double speed) {
    public static final Pace MAX = new Pace(0);

    public static Pace parse(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("max")) {
            return MAX;
        }
        if (s.equals("realtime")) {
            return new Pace(1);
        }
        if (s.startsWith("x")) {
            try {
                double v = Double.parseDouble(s.substring(1));
                if (v > 0 && Double.isFinite(v)) {
                    return new Pace(v);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new TickjournalException("--pace " + text + ": expected max, realtime or xN (N > 0, e.g. x10)");
    }

    public boolean paced() {
        return speed > 0;
    }

    /** Wall nanoseconds from the first paced message to one {@code eventNanos} later in event time. */
    long wallOffset(long eventNanos) {
        return (long) (eventNanos / speed);
    }

    @Override
    public String toString() {
        return speed == 0 ? "max" : speed == 1 ? "realtime" : "x"
                + (speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed));
    }
}
