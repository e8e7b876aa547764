package io.tickjournal.cli;

import io.tickjournal.TickjournalException;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Small shared helpers of the commands: argument checks and number formats. */
final class Cli {
    private Cli() {
    }

    static void requirePositive(String option, long value) {
        if (value <= 0) {
            throw new TickjournalException(option + " must be positive, got " + value);
        }
    }

    /** A duration in seconds above 0 (not NaN, not infinite). */
    static void requirePositiveSeconds(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new TickjournalException(option + " must be a positive number of seconds, got " + value);
        }
    }

    /** A duration in seconds of 0 or more (not NaN, not infinite). */
    static void requireSeconds(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new TickjournalException(option + " must be 0 or more seconds, got " + value);
        }
    }

    /** VWAP = notional / volume / 10^4, six decimals, half-even; empty when there is no volume. */
    static String vwap(long notional, long volume) {
        if (volume == 0) {
            return "";
        }
        return new BigDecimal(notional).divide(BigDecimal.valueOf(volume).scaleByPowerOfTen(4), 6,
                RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /** An ITCH 4-decimal integer price as dollars, e.g. 1234500 -> "123.4500"; "-" for 0. */
    static String price(long price) {
        return price == 0 ? "-" : BigDecimal.valueOf(price, 4).toPlainString();
    }

    /** Nanoseconds since midnight as HH:mm:ss.SSS. */
    static String timeOfDay(long ns) {
        long ms = ns / 1_000_000;
        return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    /** Validates {@code --format}. */
    static boolean csv(String format) {
        switch (format) {
            case "csv":
                return true;
            case "table":
                return false;
            default:
                throw new TickjournalException("--format must be csv or table, got '" + format + "'");
        }
    }
}
