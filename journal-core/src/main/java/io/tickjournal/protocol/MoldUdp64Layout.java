package io.tickjournal.protocol;

/**
 * MoldUDP64 1.00 framing (NASDAQ), all integers big-endian.
 *
 * <pre>
 * downstream packet                              request packet (to the re-request server)
 * +---------------------+  0                     +---------------------+  0
 * | session (10, ASCII) |                        | session (10, ASCII) |
 * +---------------------+ 10                     +---------------------+ 10
 * | sequence (8)        |  of the first message  | sequence (8)        |  first sequence wanted
 * +---------------------+ 18                     +---------------------+ 18
 * | message count (2)   |  0 heartbeat,          | count (2)           |  messages wanted
 * +---------------------+ 20  0xFFFF end of session                    + 20
 * | length (2) | message bytes | length (2) | ... (count message blocks)
 * </pre>
 *
 * In a heartbeat and an end-of-session packet the sequence is the next sequence the server will send.
 */
public final class MoldUdp64Layout {
    public static final int SESSION_OFFSET = 0;
    public static final int SESSION_LENGTH = 10;
    public static final int SEQUENCE_OFFSET = 10;
    public static final int COUNT_OFFSET = 18;
    public static final int HEADER_LENGTH = 20;
    public static final int REQUEST_LENGTH = 20;
    public static final int BLOCK_LENGTH_PREFIX = 2;
    public static final int COUNT_HEARTBEAT = 0;
    public static final int COUNT_END_OF_SESSION = 0xFFFF;
    /** Largest downstream payload the feed sends: fits an Ethernet MTU with IP and UDP headers. */
    public static final int MAX_PAYLOAD = 1400;
    /** Largest datagram the ingestor accepts; anything bigger is truncated by the socket and counted malformed. */
    public static final int MAX_DATAGRAM = 65_536;

    private MoldUdp64Layout() {
    }

    /** The session name as its 10 wire bytes: ASCII, left-justified, space padded. */
    public static byte[] session(String name) {
        byte[] b = new byte[SESSION_LENGTH];
        java.util.Arrays.fill(b, (byte) ' ');
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, b, 0, Math.min(n.length, SESSION_LENGTH));
        return b;
    }

    /** The session name of 10 wire bytes, trailing spaces removed. */
    public static String sessionName(byte[] b, int offset) {
        return new String(b, offset, SESSION_LENGTH, java.nio.charset.StandardCharsets.US_ASCII).stripTrailing();
    }
}
