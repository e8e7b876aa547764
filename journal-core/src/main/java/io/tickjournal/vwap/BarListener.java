package io.tickjournal.vwap;

/**
 * Receives the bars of each closed window, in stream order: by window start, then by stock
 * locate ascending. Called on the thread that drives the {@link VwapEngine}.
 */
@FunctionalInterface
public interface BarListener {
    /**
     * One bar of the window being closed.
     *
     * @param bar a flyweight reused for every bar and valid only during this call: copy what you
     *            keep. The listener must not call back into the engine. If it throws, the
     *            exception propagates to the engine's caller and the rest of that window's bars
     *            are discarded.
     */
    void onBar(Bar bar);

    /**
     * The window starting at {@code windowStartNs} has closed: all its bars (possibly none) have
     * been passed to {@link #onBar}. Every engine fed the same timestamps closes the same windows
     * in the same order, whatever symbols it trades, which is what lets a resequencer merge the
     * bar streams of several engines (shards) window by window.
     */
    default void onWindowClosed(long windowStartNs) {
    }
}
