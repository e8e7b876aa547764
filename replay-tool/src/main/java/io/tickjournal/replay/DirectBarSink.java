package io.tickjournal.replay;

import io.tickjournal.state.BarWriter;

/** One worker: its bars are already in stream order and go straight to the bars queue. */
final class DirectBarSink implements BarSink {
    private final BarWriter writer;

    DirectBarSink(BarWriter writer) {
        this.writer = writer;
    }

    @Override
    public void bar(long windowStartNs, int locate, long stock, long trades, long volume, long notional,
                    long open, long high, long low, long close) {
        writer.append(windowStartNs, locate, stock, trades, volume, notional, open, high, low, close);
    }

    @Override
    public void windowClosed(long windowStartNs) {
        writer.endWindow();
    }

    @Override
    public void finished() {
    }
}
