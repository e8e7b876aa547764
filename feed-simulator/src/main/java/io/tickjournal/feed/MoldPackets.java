package io.tickjournal.feed;

import io.tickjournal.protocol.MoldUdp64Layout;

import java.nio.ByteBuffer;

import static io.tickjournal.protocol.MoldUdp64Layout.BLOCK_LENGTH_PREFIX;
import static io.tickjournal.protocol.MoldUdp64Layout.COUNT_OFFSET;
import static io.tickjournal.protocol.MoldUdp64Layout.HEADER_LENGTH;
import static io.tickjournal.protocol.MoldUdp64Layout.MAX_PAYLOAD;
import static io.tickjournal.protocol.MoldUdp64Layout.SESSION_LENGTH;

/**
 * MoldUDP64 packets of one session built from a {@link FeedMessages}: data packets (the feed's
 * publisher and its re-request server) and control packets (heartbeat, end of session). Writes
 * into the caller's buffer; stateless otherwise, so any thread may use it with its own buffer.
 */
final class MoldPackets {
    /**
     * Room for a packet of one message of any length a BinaryFILE allows (65,535 bytes): a packet
     * is filled up to {@link MoldUdp64Layout#MAX_PAYLOAD} bytes, but a longer first message still
     * goes, alone (found by ReRequestServerFuzzTest: a 1,400-byte message overflowed the buffer and
     * stopped the publisher).
     */
    static final int CAPACITY = HEADER_LENGTH + BLOCK_LENGTH_PREFIX + 0xFFFF;

    private final FeedMessages messages;
    private final byte[] session;

    /** Packets of {@code messages} in session {@code session} (10 bytes, space-padded). */
    MoldPackets(FeedMessages messages, byte[] session) {
        this.messages = messages;
        this.session = session;
    }

    /** Fills a data packet with messages from {@code first} up to {@code last} as fit; returns the last one put. */
    long fill(ByteBuffer packet, long first, long last) {
        packet.clear();
        packet.put(session).putLong(first).putShort((short) 0);
        long s = first;
        byte[] data = messages.data();
        while (s <= last) {
            int len = messages.length(s);
            if (packet.position() + 2 + len > MAX_PAYLOAD && s > first) {
                break;
            }
            packet.putShort((short) len).put(data, messages.offset(s), len);
            s++;
        }
        packet.putShort(COUNT_OFFSET, (short) (s - first));
        packet.flip();
        return s - 1;
    }

    /** Fills a control packet: {@code count} is a heartbeat's 0 or the end of session's 0xFFFF. */
    void control(ByteBuffer packet, long sequence, int count) {
        packet.clear();
        packet.put(session).putLong(sequence).putShort((short) count).flip();
    }

    /** Whether the packet in {@code b} (from position 0) names this session. */
    boolean sameSession(ByteBuffer b) {
        for (int i = 0; i < SESSION_LENGTH; i++) {
            if (b.get(i) != session[i]) {
                return false;
            }
        }
        return true;
    }
}
