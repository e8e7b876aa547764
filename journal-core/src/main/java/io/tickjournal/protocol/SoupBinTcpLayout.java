package io.tickjournal.protocol;

/**
 * SoupBinTCP 3.00 framing (NASDAQ). Every packet is a 2-byte big-endian length (of what follows it)
 * and a 1-byte packet type, then the payload. Numeric fields are ASCII, right-justified, space
 * padded on the left; alpha fields left-justified, space padded on the right.
 *
 * <pre>
 * login request   'L': username (6) | password (10) | requested session (10) | requested sequence (20)
 * login accepted  'A': session (10) | sequence number (20): the next sequence the server sends
 * login rejected  'J': reject reason code (1): 'A' not authorized, 'S' session not available
 * sequenced data  'S': one message; its sequence is one more than the previous one's
 * server heartbeat 'H', end of session 'Z', client heartbeat 'R', logout request 'O': no payload
 * </pre>
 */
public final class SoupBinTcpLayout {
    public static final int LENGTH_PREFIX = 2;
    public static final byte LOGIN_REQUEST = 'L';
    public static final byte LOGIN_ACCEPTED = 'A';
    public static final byte LOGIN_REJECTED = 'J';
    public static final byte SEQUENCED_DATA = 'S';
    public static final byte UNSEQUENCED_DATA = 'U';
    public static final byte SERVER_HEARTBEAT = 'H';
    public static final byte END_OF_SESSION = 'Z';
    public static final byte CLIENT_HEARTBEAT = 'R';
    public static final byte LOGOUT_REQUEST = 'O';
    public static final byte DEBUG = '+';

    public static final int USERNAME_LENGTH = 6;
    public static final int PASSWORD_LENGTH = 10;
    public static final int SESSION_LENGTH = 10;
    public static final int SEQUENCE_LENGTH = 20;
    public static final int LOGIN_REQUEST_PAYLOAD = USERNAME_LENGTH + PASSWORD_LENGTH + SESSION_LENGTH
            + SEQUENCE_LENGTH;
    public static final int LOGIN_ACCEPTED_PAYLOAD = SESSION_LENGTH + SEQUENCE_LENGTH;
    /** Heartbeats are sent after this much silence; a peer silent for {@link #TIMEOUT_MS} is gone. */
    public static final long HEARTBEAT_INTERVAL_MS = 1_000;
    public static final long TIMEOUT_MS = 15_000;

    private SoupBinTcpLayout() {
    }

    /** Writes {@code value} as a {@code width}-byte right-justified ASCII number. */
    public static void putNumeric(byte[] dst, int offset, int width, long value) {
        java.util.Arrays.fill(dst, offset, offset + width, (byte) ' ');
        int p = offset + width;
        long v = value;
        do {
            dst[--p] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0 && p > offset);
    }

    /** Reads a space-padded ASCII number; -1 when it holds anything but spaces and digits or no digit. */
    public static long getNumeric(byte[] src, int offset, int width) {
        long v = 0;
        boolean digits = false;
        for (int i = offset; i < offset + width; i++) {
            byte b = src[i];
            if (b >= '0' && b <= '9') {
                if (v > (Long.MAX_VALUE - 9) / 10) {
                    return -1;
                }
                v = v * 10 + (b - '0');
                digits = true;
            } else if (b != ' ') {
                return -1;
            }
        }
        return digits ? v : -1;
    }

    /** Writes an alpha field: ASCII, left-justified, space padded. */
    public static void putAlpha(byte[] dst, int offset, int width, String value) {
        java.util.Arrays.fill(dst, offset, offset + width, (byte) ' ');
        byte[] b = value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, dst, offset, Math.min(b.length, width));
    }
}
