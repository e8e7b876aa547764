package io.tickjournal.itch;

import net.openhft.chronicle.bytes.Bytes;

/**
 * Builds a message byte by byte at explicit spec offsets, big-endian by hand (shifts), for codec
 * tests that must not share code with {@link ItchEncoder} or the decoders.
 */
final class RawMessage {
    /** Bytes placed before the message so that decoders are exercised at a non-zero offset. */
    static final int PAD = 5;

    private final byte[] bytes;

    RawMessage(int length) {
        bytes = new byte[PAD + length + 3];
        java.util.Arrays.fill(bytes, (byte) 0x5A); // garbage around the message
    }

    /** Message Type (0), Stock Locate (1, 2 bytes), Tracking Number (3, 2), Timestamp (5, 6). */
    RawMessage header(char type, int locate, int tracking, long timestamp) {
        return put(0, type, 1).put(1, locate, 2).put(3, tracking, 2).put(5, timestamp, 6);
    }

    RawMessage put(int offset, long value, int size) {
        for (int i = 0; i < size; i++) {
            bytes[PAD + offset + i] = (byte) (value >>> (8 * (size - 1 - i)));
        }
        return this;
    }

    RawMessage alpha(int offset, String text, int size) {
        for (int i = 0; i < size; i++) {
            bytes[PAD + offset + i] = (byte) (i < text.length() ? text.charAt(i) : ' ');
        }
        return this;
    }

    /** The whole padded array wrapped for reading; the message starts at {@link #PAD}. */
    Bytes<byte[]> wrap() {
        return Bytes.wrapForRead(bytes);
    }

    /** Only the message bytes. */
    byte[] message(int length) {
        return java.util.Arrays.copyOfRange(bytes, PAD, PAD + length);
    }
}
