package io.tickjournal.state;

/**
 * Byte layout of one bar record, 80 bytes, little-endian: the records of a bars-queue excerpt
 * ({@code STATE/bars}, {@link BarBlockLayout}).
 *
 * <pre>
 *  offset  size  field
 *   0       8    window_start_ns   ITCH time (ns since midnight) at which the window starts
 *   8       4    locate
 *  12       4    reserved (0)
 *  16       8    stock, 8 ASCII bytes in order, space padded
 *  24       8    trades
 *  32       8    volume
 *  40       8    notional          sum of price x shares (price in 1/10000)
 *  48       8    open
 *  56       8    high
 *  64       8    low
 *  72       8    close
 * </pre>
 */
public final class BarRecordLayout {
    public static final int WINDOW_START_OFFSET = 0;
    public static final int LOCATE_OFFSET = 8;
    public static final int STOCK_OFFSET = 16;
    public static final int TRADES_OFFSET = 24;
    public static final int VOLUME_OFFSET = 32;
    public static final int NOTIONAL_OFFSET = 40;
    public static final int OPEN_OFFSET = 48;
    public static final int HIGH_OFFSET = 56;
    public static final int LOW_OFFSET = 64;
    public static final int CLOSE_OFFSET = 72;
    public static final int LENGTH = 80;

    private BarRecordLayout() {
    }
}
