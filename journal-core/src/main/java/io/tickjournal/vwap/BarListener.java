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
}
