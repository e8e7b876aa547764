package io.tickjournal.capture;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.JournalWriter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.function.Consumer;

import static io.tickjournal.capture.CaptureCounters.add;
import static io.tickjournal.capture.MoldUdp64Layout.*;

/**
 * Journals a MoldUDP64 stream, unicast or multicast (joining the group on the given interface).
 *
 * <p>Every datagram is validated whole before anything of it is journaled: shorter than the
 * header, message blocks running past the datagram (or zero-length, or bytes left over), a session
 * other than the one captured, or an impossible sequence make it malformed: counted, logged once
 * per kind, ignored. Messages below the next expected sequence are duplicates and dropped.
 *
 * <p>Gaps: a packet, heartbeat or end of session beyond the next expected sequence opens a gap.
 * With a re-request server, packets past the gap are dropped and the missing range is requested
 * again every {@code retransmitMs} (and at once whenever a retransmission arrives) until it is
 * filled; if no progress is made for {@code gapTimeoutMs}, the range up to the highest sequence
 * seen is written as a gap record and capture goes on. Without a re-request server a gap cannot be
 * recovered: it is journaled at once as a gap record and the packet that revealed it is journaled.
 *
 * <p>Thread-confined; no allocation per packet after warm-up (one heap receive buffer; the
 * sender address of an unchanged sender is cached by the JDK).
 */
public final class MoldUdp64Ingestor implements FeedIngestor {
    /**
     * @param listen       unicast address to bind, or multicast group and port to join
     * @param iface        local interface address (multicast join; unicast bind stays on {@code listen}), or null
     * @param request      re-request server, or null for none
     * @param session      session to capture, or null to take the first valid packet's session
     * @param maxGap       a sequence jump larger than this is treated as a malformed packet
     */
    public record Options(InetSocketAddress listen, InetAddress iface, InetSocketAddress request, String session,
                          long retransmitMs, long gapTimeoutMs, long maxGap) {
    }

    private final Options options;
    private final FeedSequencer sequencer;
    private final CaptureCounters counters;
    private final ReportOnce reports;
    private final EpochClock clock = new EpochClock();
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private final byte[] bytes = buffer.array();
    private final ByteBuffer requestPacket = ByteBuffer.allocate(REQUEST_LENGTH);
    private final byte[] expectedSession = new byte[SESSION_LENGTH];
    private boolean sessionKnown;
    private DatagramChannel channel;

    /** First sequence past the open gap that is known to exist (exclusive end of the missing range); 0: no gap. */
    private long gapEnd;
    private long lastProgressNs;
    private long lastRequestNs;

    public MoldUdp64Ingestor(Options options, JournalWriter writer, CaptureCounters counters, JournalResume resume,
                             Consumer<String> say) {
        this.options = options;
        this.counters = counters;
        this.sequencer = new FeedSequencer(writer, counters, resume, "mold");
        this.reports = new ReportOnce(say);
        if (options.session() != null) {
            System.arraycopy(MoldUdp64Layout.session(options.session()), 0, expectedSession, 0, SESSION_LENGTH);
            sessionKnown = true;
        }
    }

    @Override
    public void open() {
        InetSocketAddress listen = options.listen();
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
            if (listen.getAddress().isMulticastAddress()) {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(listen.getPort()));
                NetworkInterface ni = options.iface() == null ? null : NetworkInterface.getByInetAddress(options.iface());
                if (ni == null) {
                    throw new TickjournalException(listen + ": joining a multicast group needs --interface IP of a local interface"
                            + (options.iface() == null ? "" : " (" + options.iface() + " is not one)"));
                }
                channel.join(listen.getAddress(), ni);
            } else {
                channel.bind(listen);
            }
            channel.configureBlocking(false);
        } catch (IOException e) {
            close();
            throw TickjournalException.io("MoldUDP64 " + listen, e);
        }
    }

    /** The bound local port (for tests binding port 0). */
    public int localPort() {
        return channel.socket().getLocalPort();
    }

    @Override
    public FeedSequencer sequencer() {
        return sequencer;
    }

    @Override
    public int doWork() {
        int n = 0;
        try {
            for (; n < 64; n++) {
                buffer.clear();
                if (channel.receive(buffer) == null) {
                    break;
                }
                onPacket(buffer.position(), clock.nowNs());
            }
        } catch (IOException e) {
            reports.report("receive error", e.toString());
        }
        if (gapEnd != 0) {
            onGapTimer(System.nanoTime());
        }
        return n;
    }

    /** Handles one datagram of {@code length} bytes in the receive buffer. Package-private for tests. */
    void onPacket(int length, long receiveNs) {
        add(counters.packets, 1);
        byte[] b = bytes;
        if (length < HEADER_LENGTH) {
            add(counters.malformedShortHeader, 1);
            reports.report("short MoldUDP64 packet", length + " bytes, header is " + HEADER_LENGTH);
            return;
        }
        long seq = buffer.getLong(SEQUENCE_OFFSET);
        int count = buffer.getShort(COUNT_OFFSET) & 0xFFFF;
        boolean control = count == COUNT_HEARTBEAT || count == COUNT_END_OF_SESSION;
        if (control ? length != HEADER_LENGTH : !framed(length, count)) {
            add(counters.malformedLength, 1);
            reports.report("malformed MoldUDP64 packet", "message blocks do not match the packet length " + length);
            return;
        }
        // The session is learnt from the first well-formed packet when none is configured.
        if (!sessionKnown) {
            System.arraycopy(b, SESSION_OFFSET, expectedSession, 0, SESSION_LENGTH);
            sessionKnown = true;
        } else if (!Arrays.equals(b, SESSION_OFFSET, SESSION_OFFSET + SESSION_LENGTH, expectedSession, 0, SESSION_LENGTH)) {
            add(counters.malformedWrongSession, 1);
            reports.report("MoldUDP64 packet of another session", "'" + MoldUdp64Layout.sessionName(b, SESSION_OFFSET)
                    + "', capturing '" + MoldUdp64Layout.sessionName(expectedSession, 0) + "'");
            return;
        }
        long next = sequencer.begun() ? sequencer.next() : -1;
        if (seq < 1 || next > 0 && seq - next > options.maxGap()) {
            add(counters.malformedSequence, 1);
            reports.report("MoldUDP64 packet with an impossible sequence", seq + " (expecting " + next + ")");
            return;
        }
        if (!sequencer.begun()) {
            sequencer.begin(MoldUdp64Layout.sessionName(expectedSession, 0), receiveNs);
            lastProgressNs = System.nanoTime();
        }
        if (control) {
            onControl(seq, count == COUNT_END_OF_SESSION, receiveNs);
        } else {
            onData(seq, count, receiveNs);
        }
    }

    /** True when exactly {@code count} non-empty message blocks fill the packet. */
    private boolean framed(int length, int count) {
        byte[] b = bytes;
        int p = HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            if (p + BLOCK_LENGTH_PREFIX > length) {
                return false;
            }
            int len = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
            p += BLOCK_LENGTH_PREFIX + len;
            if (len == 0 || p > length) {
                return false;
            }
        }
        return p == length;
    }

    private void onControl(long seq, boolean endOfSession, long receiveNs) {
        long next = sequencer.next();
        if (seq > next) {
            // A heartbeat says the server has sent up to seq - 1: what lies between is missing.
            if (!openGap(seq, receiveNs)) {
                return;
            }
        }
        if (endOfSession && sequencer.next() == seq) {
            sequencer.endOfSession(receiveNs);
        }
    }

    private void onData(long seq, int count, long receiveNs) {
        long end = seq + count;
        long next = sequencer.next();
        if (end <= next) {
            add(counters.duplicates, count);
            return;
        }
        if (seq > next) {
            if (!openGap(seq, receiveNs)) {
                gapEnd = Math.max(gapEnd, end);
                add(counters.outOfOrderPackets, 1);
                return;
            }
            next = sequencer.next();
        }
        byte[] b = bytes;
        int p = HEADER_LENGTH;
        for (long s = seq; s < end; s++) {
            int len = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
            if (s >= next) {
                sequencer.journal(b, p + BLOCK_LENGTH_PREFIX, len, receiveNs);
            } else {
                add(counters.duplicates, 1);
            }
            p += BLOCK_LENGTH_PREFIX + len;
        }
        counters.lastJournaledNs.lazySet(receiveNs);
        lastProgressNs = System.nanoTime();
        if (gapEnd != 0) {
            if (sequencer.next() >= gapEnd) {
                gapEnd = 0;
                add(counters.gapsRecovered, 1);
            } else {
                request(lastProgressNs); // a retransmission arrived: ask for the rest at once
            }
        }
    }

    /**
     * A sequence beyond the next expected one arrived. Returns true when the caller may go on
     * (the gap was given up on and journaled: no re-request server), false when it is to be recovered.
     */
    private boolean openGap(long seq, long receiveNs) {
        long now = System.nanoTime();
        if (gapEnd == 0) {
            add(counters.gapsDetected, 1);
            gapEnd = seq;
            lastProgressNs = now;
        } else {
            gapEnd = Math.max(gapEnd, seq);
        }
        if (options.request() == null) {
            sequencer.gap(seq, receiveNs);
            gapEnd = 0;
            return true;
        }
        if (now - lastRequestNs >= options.retransmitMs() * 1_000_000L) {
            request(now);
        }
        return false;
    }

    private void onGapTimer(long now) {
        if (now - lastProgressNs >= options.gapTimeoutMs() * 1_000_000L) {
            reports.report("unrecovered gap", "sequences " + sequencer.next() + " to " + (gapEnd - 1)
                    + " not retransmitted within " + options.gapTimeoutMs() + " ms; journaled as a gap record");
            sequencer.gap(gapEnd, clock.nowNs());
            gapEnd = 0;
            lastProgressNs = now;
        } else if (now - lastRequestNs >= options.retransmitMs() * 1_000_000L) {
            request(now);
        }
    }

    private void request(long now) {
        long next = sequencer.next();
        long wanted = Math.min(gapEnd - next, 0xFFFE);
        requestPacket.clear();
        requestPacket.put(expectedSession).putLong(next).putShort((short) wanted).flip();
        try {
            channel.send(requestPacket, options.request());
            add(counters.reRequests, 1);
        } catch (IOException e) {
            reports.report("re-request failed", options.request() + ": " + e.getMessage());
        }
        lastRequestNs = now;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
