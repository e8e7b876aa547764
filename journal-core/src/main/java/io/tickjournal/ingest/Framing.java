package io.tickjournal.ingest;

import io.tickjournal.itch.ItchMessageType;

/**
 * How a BinaryFILE frames its messages, recognised from its first bytes before anything is
 * journaled: each ITCH message is preceded by a 2-byte big-endian length (NASDAQ's BinaryFILE),
 * or every such prefix is zero and the length comes from the message type (files written by
 * tools that zero the prefix, e.g. DavZim/RITCH's {@code ex20101224.TEST_ITCH_50}).
 *
 * <p>Stateless; {@link #detect} reads a byte range and never allocates except for its verdict text.
 */
public enum Framing {
    /** Length prefixes as NASDAQ writes them. */
    LENGTH_PREFIXED,
    /** Every length prefix is zero: each message's length is its type's ITCH 5.0 spec length. */
    TYPE_LENGTHS;

    /**
     * Messages that must all have a zero prefix and a known type before a file is taken for a
     * zero-prefix one (fewer when the file is shorter): 8 random 3-byte starts pass by chance with
     * odds below (23/256)^8, about 4e-9.
     */
    static final int ZERO_PREFIX_EVIDENCE = 8;

    /**
     * Recognises the framing from the first {@code limit} bytes of a (decompressed) file.
     *
     * @param lenient accept a file whose first message is no valid ITCH 5.0 message as length-prefixed
     *                (vendor extensions), instead of refusing it
     * @return the framing, or null when the bytes cannot start an ITCH 5.0 BinaryFILE
     *         (then {@link #whyNot} says what was found)
     */
    static Framing detect(byte[] buf, int limit, boolean lenient) {
        if (limit < 3) {
            return LENGTH_PREFIXED; // too short to judge: the framing loop reports the truncation
        }
        int prefix = prefix(buf, 0);
        int spec = ItchMessageType.length(buf[2]);
        if (prefix != 0 && (spec == prefix || lenient)) {
            return LENGTH_PREFIXED;
        }
        if (prefix == 0 && zeroPrefixed(buf, limit)) {
            return TYPE_LENGTHS;
        }
        return lenient ? LENGTH_PREFIXED : null;
    }

    /** Why the first bytes cannot start a BinaryFILE, for a file {@link #detect} refused. */
    static String whyNot(byte[] buf, int limit) {
        StringBuilder sb = new StringBuilder("not an ITCH 5.0 BinaryFILE: it starts with");
        for (int i = 0; i < Math.min(8, limit); i++) {
            sb.append(String.format(" %02X", buf[i] & 0xFF));
        }
        int prefix = prefix(buf, 0);
        byte type = buf[2];
        sb.append(String.format(" (length prefix %d, type byte 0x%02X", prefix, type & 0xFF));
        int spec = ItchMessageType.length(type);
        if (spec < 0) {
            sb.append(", no ITCH 5.0 type)");
        } else if (prefix == 0) {
            sb.append(String.format(" '%c', but the following messages do not continue with zero prefixes)", type));
        } else {
            sb.append(String.format(" '%c', whose length is %d)", type, spec));
        }
        return sb.append("; a BinaryFILE message is a 2-byte big-endian length, then an ITCH message of that length"
                + " (--lenient imports it anyway)").toString();
    }

    /** The first messages all have zero prefixes and known types, and each ends where the next begins. */
    private static boolean zeroPrefixed(byte[] buf, int limit) {
        int pos = 0;
        for (int n = 0; n < ZERO_PREFIX_EVIDENCE && pos + 3 <= limit; n++) {
            int spec = ItchMessageType.length(buf[pos + 2]);
            if (prefix(buf, pos) != 0 || spec < 0) {
                return false;
            }
            pos += 2 + spec;
        }
        return true;
    }

    static int prefix(byte[] buf, int pos) {
        return ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    }
}
