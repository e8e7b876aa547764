package io.tickjournal.itch;

/**
 * Conversions between Alpha fields packed into a long (raw ASCII bytes, big-endian, as returned by
 * the decoders) and their trimmed strings. A stock symbol is {@code Alpha(8)}, left-justified and
 * space-padded; its packed long is an allocation-free map key.
 */
public final class Symbols {
    /** Length of the ITCH Stock field. */
    public static final int STOCK_LENGTH = 8;

    private Symbols() {
    }

    /** The trimmed symbol of a packed 8-byte stock field, e.g. {@code "AAPL"}. Allocates. */
    public static String toString(long stock) {
        return toString(stock, STOCK_LENGTH);
    }

    /** The trimmed text of a packed Alpha field of {@code length} bytes (1 to 8). Allocates. */
    public static String toString(long packed, int length) {
        return appendTo(new StringBuilder(length), packed, length).toString();
    }

    /** Appends the text of a packed Alpha field without trailing spaces or NULs. */
    public static StringBuilder appendTo(StringBuilder sb, long packed, int length) {
        int end = length;
        while (end > 0) {
            int c = (int) (packed >>> (8 * (length - end))) & 0xFF;
            if (c != ' ' && c != 0) {
                break;
            }
            end--;
        }
        for (int i = 0; i < end; i++) {
            sb.append((char) ((packed >>> (8 * (length - 1 - i))) & 0xFF));
        }
        return sb;
    }

    /** Packs a symbol of at most 8 ASCII characters into the 8-byte stock form, space-padded. */
    public static long pack(String symbol) {
        return pack(symbol, STOCK_LENGTH);
    }

    /**
     * Packs at most {@code length} (1 to 8) ASCII characters, space-padded on the right.
     *
     * @throws IllegalArgumentException if the text is longer than the field or not ASCII
     */
    public static long pack(CharSequence text, int length) {
        if (text.length() > length) {
            throw new IllegalArgumentException("'" + text + "' is longer than " + length + " characters");
        }
        long v = 0;
        for (int i = 0; i < length; i++) {
            int c = i < text.length() ? text.charAt(i) : ' ';
            if (c > 0x7F) {
                throw new IllegalArgumentException("'" + text + "' is not ASCII");
            }
            v = (v << 8) | c;
        }
        return v;
    }
}
