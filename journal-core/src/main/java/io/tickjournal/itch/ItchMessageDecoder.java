package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.MESSAGE_TYPE_OFFSET;
import static io.tickjournal.itch.ItchLayout.STOCK_LOCATE_OFFSET;
import static io.tickjournal.itch.ItchLayout.TIMESTAMP_OFFSET;
import static io.tickjournal.itch.ItchLayout.TRACKING_NUMBER_OFFSET;

/**
 * Base of the ITCH 5.0 flyweight decoders: {@link #wrap} points it at a message in Chronicle
 * memory (absolute offset of the type byte) and the getters read the fields in place at their
 * spec offsets, big-endian. Nothing is copied and getters never allocate, except the
 * {@code ...AsString()} conveniences and {@link #appendTo}/{@link #toString()}.
 *
 * <p>A decoder does not check the message type or length: that is {@link ItchDispatcher}'s job.
 * Not thread-safe; one instance per type per thread, reused for every message.
 */
public abstract class ItchMessageDecoder {
    private RandomDataInput buffer;
    private long offset;

    /** Points this flyweight at the message whose type byte is at {@code offset}. */
    public ItchMessageDecoder wrap(RandomDataInput buffer, long offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** The memory last wrapped. */
    public final RandomDataInput buffer() {
        return buffer;
    }

    /** Absolute offset of the message type byte in {@link #buffer()}. */
    public final long offset() {
        return offset;
    }

    /** The message type byte (offset 0). */
    public final byte messageType() {
        return buffer.readByte(offset + MESSAGE_TYPE_OFFSET);
    }

    /** The spec length of the wrapped message's type, type byte included. */
    public final int length() {
        return ItchMessageType.length(messageType());
    }

    /** Stock locate: 2 bytes at offset 1, unsigned. */
    public final int stockLocate() {
        return u16(STOCK_LOCATE_OFFSET);
    }

    /** Tracking number: 2 bytes at offset 3, unsigned. */
    public final int trackingNumber() {
        return u16(TRACKING_NUMBER_OFFSET);
    }

    /** Nanoseconds since midnight (48 bits). */
    public final long timestamp() {
        return u48(TIMESTAMP_OFFSET);
    }

    /**
     * Appends a one-line, human-readable dump of every field: the type name, the header, then the
     * body fields named like their getters (prices as decimals, symbols trimmed).
     */
    public final StringBuilder appendTo(StringBuilder sb) {
        sb.append(ItchMessageType.name(messageType()))
            .append(" stockLocate=").append(stockLocate())
            .append(" trackingNumber=").append(trackingNumber())
            .append(" timestamp=");
        appendTime(sb, timestamp());
        appendBody(sb);
        return sb;
    }

    /** Appends the body fields, each as {@code " name=value"}. */
    protected abstract void appendBody(StringBuilder sb);

    @Override
    public String toString() {
        return buffer == null
                ? getClass().getSimpleName() + "(unwrapped)" : appendTo(new StringBuilder(128)).toString();
    }

    protected final byte byteAt(int fieldOffset) {
        return buffer.readByte(offset + fieldOffset);
    }

    protected final int u16(int fieldOffset) {
        return BigEndian.u16(buffer, offset + fieldOffset);
    }

    protected final long u32(int fieldOffset) {
        return BigEndian.u32(buffer, offset + fieldOffset);
    }

    protected final long u48(int fieldOffset) {
        return BigEndian.u48(buffer, offset + fieldOffset);
    }

    protected final long i64(int fieldOffset) {
        return BigEndian.i64(buffer, offset + fieldOffset);
    }

    protected final long alpha(int fieldOffset, int length) {
        return BigEndian.alpha(buffer, offset + fieldOffset, length);
    }

    protected static void appendLong(StringBuilder sb, String name, long value) {
        sb.append(' ').append(name).append('=').append(value);
    }

    protected static void appendChar(StringBuilder sb, String name, byte value) {
        sb.append(' ').append(name).append('=');
        if (value > ' ' && value < 0x7F) {
            sb.append((char) value);
        } else {
            sb.append("0x").append(Character.forDigit((value >> 4) & 0xF, 16))
                    .append(Character.forDigit(value & 0xF, 16));
        }
    }

    protected static void appendAlpha(StringBuilder sb, String name, long packed, int length) {
        sb.append(' ').append(name).append('=');
        Symbols.appendTo(sb, packed, length);
    }

    /** Appends a Price(4) as a decimal, e.g. {@code price=123.4500}. */
    protected static void appendPrice(StringBuilder sb, String name, long price) {
        appendDecimal(sb.append(' ').append(name).append('='), price, 4);
    }

    /** Appends a Price(8) as a decimal with 8 places. */
    protected static void appendPrice8(StringBuilder sb, String name, long price) {
        appendDecimal(sb.append(' ').append(name).append('='), price, 8);
    }

    private static void appendDecimal(StringBuilder sb, long value, int decimals) {
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long units = Long.divideUnsigned(value, scale);
        sb.append(units).append('.');
        appendPadded(sb, Long.remainderUnsigned(value, scale), decimals);
    }

    /** Appends nanoseconds since midnight as {@code HH:MM:SS.nnnnnnnnn}. */
    protected static void appendTime(StringBuilder sb, long nanos) {
        long seconds = nanos / 1_000_000_000L;
        appendPadded(sb, seconds / 3600, 2);
        appendPadded(sb.append(':'), seconds / 60 % 60, 2);
        appendPadded(sb.append(':'), seconds % 60, 2);
        appendPadded(sb.append('.'), nanos % 1_000_000_000L, 9);
    }

    private static void appendPadded(StringBuilder sb, long value, int width) {
        long limit = 10;
        for (int i = 1; i < width; i++) {
            if (value < limit) {
                sb.append('0');
            }
            limit *= 10;
        }
        sb.append(value);
    }
}
