package io.tickjournal.replay;

/** Where a replay worker's closed bars go: the bars queue directly, or a resequencer. */
interface BarSink {
    void bar(long windowStartNs, int locate, long stock, long trades, long volume, long notional,
             long open, long high, long low, long close);

    /** Every bar of the window has been passed on (see {@code BarListener.onWindowClosed}). */
    void windowClosed(long windowStartNs);

    /** The worker stopped: nothing more will come. */
    void finished();
}
