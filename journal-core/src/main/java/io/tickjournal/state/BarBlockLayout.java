package io.tickjournal.state;

/**
 * Byte layout of one bars-queue excerpt ({@code STATE/bars}, format version 2), little-endian: a
 * 16-byte header followed by {@code count} bar records of {@link BarRecordLayout} (80 bytes each),
 * in bar stream order. One excerpt holds the bars of one closed window (at most
 * {@link #MAX_BARS} of them; a window with more is split over consecutive excerpts), so a window
 * costs one Chronicle excerpt instead of one per bar.
 *
 * <pre>
 *  offset  size  field
 *   0       4    magic             "TJBW" (0x57424A54 read as a little-endian int)
 *   4       2    version           2
 *   6       2    record_length     80
 *   8       4    count             bar records that follow (1..MAX_BARS)
 *  12       4    reserved (0)
 *  16       80 x count             bar records
 * </pre>
 *
 * <p>Version 1 (before 2026-12-05) wrote one bare 80-byte bar record per excerpt; readers still
 * accept such excerpts, so a state written by an older build reads the same. An excerpt that is
 * neither is refused with a message naming its index and length.
 */
public final class BarBlockLayout {
    /** "TJBW" in ASCII, as a little-endian int. */
    public static final int MAGIC = 0x57424A54;
    public static final int VERSION = 2;
    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int RECORD_LENGTH_OFFSET = 6;
    public static final int COUNT_OFFSET = 8;
    public static final int HEADER_LENGTH = 16;
    /**
     * Bars per excerpt at most: 1,024 x 80 bytes = 80 KB, far below Chronicle's excerpt limit (a
     * quarter of the 64 MB block) and above the widest window of the 500-symbol day (500 bars).
     */
    public static final int MAX_BARS = 1024;

    private BarBlockLayout() {
    }

    /** The excerpt length of a block of {@code count} bars. */
    public static int length(int count) {
        return HEADER_LENGTH + count * BarRecordLayout.LENGTH;
    }
}
