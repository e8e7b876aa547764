package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

/**
 * Big-endian reads from Chronicle memory at absolute offsets. Chronicle's {@code readShort},
 * {@code readInt} and {@code readLong} use the native (little-endian) order, so multi-byte values
 * are byte-swapped here; Chronicle runs on little-endian platforms only. Stateless, allocation-free.
 */
public final class BigEndian {
    private BigEndian() {
    }

    /** Unsigned 8-bit integer. */
    public static int u8(RandomDataInput in, long offset) {
        return in.readByte(offset) & 0xFF;
    }

    /** Unsigned 16-bit integer. */
    public static int u16(RandomDataInput in, long offset) {
        return Short.reverseBytes(in.readShort(offset)) & 0xFFFF;
    }

    /** Unsigned 32-bit integer. */
    public static long u32(RandomDataInput in, long offset) {
        return Integer.reverseBytes(in.readInt(offset)) & 0xFFFF_FFFFL;
    }

    /** Unsigned 48-bit integer (the ITCH timestamp). */
    public static long u48(RandomDataInput in, long offset) {
        return ((long) u16(in, offset) << 32) | u32(in, offset + 2);
    }

    /** 64-bit integer; ITCH's unsigned 8-byte fields never reach the sign bit in practice. */
    public static long i64(RandomDataInput in, long offset) {
        return Long.reverseBytes(in.readLong(offset));
    }

    /**
     * Raw bytes of an Alpha field of {@code length} 1 to 8 packed big-endian, right-aligned, into a
     * long: the first byte of the field is the most significant of the {@code length} bytes.
     */
    public static long alpha(RandomDataInput in, long offset, int length) {
        switch (length) {
            case 8:
                return i64(in, offset);
            case 4:
                return u32(in, offset);
            case 2:
                return u16(in, offset);
            case 1:
                return u8(in, offset);
            default:
                long v = 0;
                for (int i = 0; i < length; i++) {
                    v = (v << 8) | u8(in, offset + i);
                }
                return v;
        }
    }
}
