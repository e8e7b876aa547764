package io.tickjournal.replay;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Progress of a long replay on stderr. On a terminal: one line redrawn in place with a bar,
 * the messages so far, the rate and (when the total is known) the time left. Otherwise (a pipe,
 * a log file, CI): a plain line every {@value #LINE_INTERVAL_MS} ms. Silent for short runs: the
 * first report comes after {@value #FIRST_REPORT_MS} ms.
 */
public abstract class Progress {
    /** How often the replay's coordinating thread calls {@link #update}. */
    static final long TICK_MS = 200;
    static final long LINE_INTERVAL_MS = 2_000;
    static final long FIRST_REPORT_MS = 1_000;

    protected final long startNs = System.nanoTime();
    protected final long total;

    protected Progress(long total) {
        this.total = total;
    }

    /** Called about every {@value #TICK_MS} ms with the messages read so far. */
    public abstract void update(long messages);

    /** The replay's work is over (ends a redrawn line). */
    public abstract void done();

    /** Plain lines through {@code say}, total unknown. */
    public static Progress lines(Consumer<String> say) {
        return new Lines(say, -1);
    }

    /** No output. */
    public static Progress none() {
        return new Progress(-1) {
            @Override
            public void update(long messages) {
            }

            @Override
            public void done() {
            }
        };
    }

    /**
     * Chooses by the terminal: a redrawn bar when the JVM has a console (an interactive run),
     * plain lines otherwise.
     *
     * @param total messages expected, or -1 if unknown
     */
    public static Progress forStderr(PrintStream err, long total) {
        boolean tty = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return tty ? new Bar(err, total) : new Lines(err::println, total);
    }

    protected double elapsedSeconds() {
        return (System.nanoTime() - startNs) / 1e9;
    }

    protected String describe(long messages) {
        double s = elapsedSeconds();
        double rate = s > 0 ? messages / s : 0;
        StringBuilder sb = new StringBuilder();
        if (messages == 0) {
            sb.append(String.format("replay: opening the journal and the state map (%.1f s)", s));
            return sb.toString();
        }
        sb.append(String.format("replay: %,d", messages));
        if (total > 0) {
            sb.append(String.format(" of ~%,d (%.0f%%)", total, Math.min(100.0, 100.0 * messages / total)));
        }
        sb.append(String.format(" messages, %.1f s, %,.0f msg/s", s, rate));
        if (total > messages && rate > 0) {
            sb.append(String.format(", ~%.0f s left", (total - messages) / rate));
        }
        return sb.toString();
    }

    private static final class Lines extends Progress {
        private final Consumer<String> say;
        private long lastNs = System.nanoTime() - (LINE_INTERVAL_MS - FIRST_REPORT_MS) * 1_000_000L;

        Lines(Consumer<String> say, long total) {
            super(total);
            this.say = say;
        }

        @Override
        public void update(long messages) {
            long now = System.nanoTime();
            if (now - lastNs >= LINE_INTERVAL_MS * 1_000_000L) {
                lastNs = now;
                say.accept(describe(messages));
            }
        }

        @Override
        public void done() {
        }
    }

    private static final class Bar extends Progress {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private boolean drawn;

        Bar(PrintStream err, long total) {
            super(total);
            this.err = err;
        }

        @Override
        public void update(long messages) {
            if (elapsedSeconds() * 1000 < FIRST_REPORT_MS) {
                return;
            }
            StringBuilder bar = new StringBuilder("\r[");
            int filled = total > 0 ? (int) Math.min(WIDTH, WIDTH * messages / total) : 0;
            for (int i = 0; i < WIDTH; i++) {
                bar.append(i < filled ? '=' : i == filled && total > 0 ? '>' : ' ');
            }
            bar.append("] ").append(describe(messages)).append("\u001b[K");
            err.print(bar);
            err.flush();
            drawn = true;
        }

        @Override
        public void done() {
            if (drawn) {
                err.println();
            }
        }
    }
}
