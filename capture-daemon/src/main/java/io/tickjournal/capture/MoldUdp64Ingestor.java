package io.tickjournal.capture;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.EpochClock;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.protocol.MoldUdp64Layout;

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
import static io.tickjournal.protocol.MoldUdp64Layout.*;

/**
 * Journals a MoldUDP64 stream, unicast or multicast (joining the group on the given interface).
 *
 * <p>Every datagram is validated whole before anything of it is journaled: shorter than the
 * header, message blocks running past the datagram (or zero-length, or bytes left over), a session
 * other than the one captured, or an impossible sequence make it malformed: counted, logged once
 * per kind, ignored. Messages below the next expected sequence are duplicates and dropped.
 *
 * <p>Gaps: a packet, heartbeat or end of session beyond the next expected sequence opens a gap.
 * With a re-request server, packets that arrive past the gap are kept in a reorder buffer (8,192
 * packets; beyond that they are dropped and re-requested too) and only the hole itself is
 * requested, by a window of requests in flight that each retransmission tops up, and again from
 * the start of the hole after {@code retransmitMs} without progress; once it is filled, the kept
 * packets are journaled in order. If no progress is made for {@code gapTimeoutMs}, the holes are
 * written to the journal as gap records, what was kept is journaled, and capture goes on. Without a re-request server a
 * gap cannot be recovered: it is
 * journaled at once as a gap record and the packet that revealed it is journaled.
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
    private final EpochClock clock = EpochClock.PROCESS;
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private final byte[] bytes = buffer.array();
    private final ByteBuffer requestPacket = ByteBuffer.allocate(REQUEST_LENGTH);
    private final byte[] expectedSession = new byte[SESSION_LENGTH];
    private boolean sessionKnown;
    private DatagramChannel channel;

    /** Packets ahead of a gap, kept until it is filled: slot i holds bytes [i * SLOT_BYTES, ...). */
    private static final int PENDING_SLOTS = 8192;
    private static final int PENDING_SLOT_BYTES = 1536;
    /** Messages asked for by one re-request: 24 of the longest ITCH messages (50 bytes) fit any packet. */
    static final int REQUEST_CHUNK = 24;
    /** Messages past the next one due that re-requests may be in flight for. */
    static final int REQUEST_WINDOW = 64 * REQUEST_CHUNK;
    private final byte[] pending = new byte[PENDING_SLOTS * PENDING_SLOT_BYTES];
    private final long[] pendingSeq = new long[PENDING_SLOTS];
    private final int[] pendingCountOf = new int[PENDING_SLOTS];
    /** live[0, pendingCount): occupied slots; freeSlots[0, PENDING_SLOTS - pendingCount): free ones. */
    private final int[] live = new int[PENDING_SLOTS];
    private final int[] freeSlots = new int[PENDING_SLOTS];
    private int pendingCount;

    /** One past the highest sequence known to exist (packets and heartbeats seen). */
    private long knownEnd;
    private boolean gapOpen;
    /** Re-requests have been sent for the sequences below this one. */
    private long requestedUpTo;
    private long lastProgressNs;
    private long lastRequestNs;

    /**
     * An ingestor receiving per {@code options} and journaling through {@code writer}, resuming after {@code resume};
     * run by one thread.
     */
    public MoldUdp64Ingestor(Options options, JournalWriter writer, CaptureCounters counters, JournalResume resume,
                             Consumer<String> say) {
        this.options = options;
        this.counters = counters;
        this.sequencer = new FeedSequencer(writer, counters, resume, "mold");
        this.reports = new ReportOnce(say);
        for (int i = 0; i < PENDING_SLOTS; i++) {
            freeSlots[i] = i;
        }
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
                NetworkInterface ni = options.iface() == null
                        ? null : NetworkInterface.getByInetAddress(options.iface());
                if (ni == null) {
                    throw new TickjournalException(listen
                            + ": joining a multicast group needs --interface IP of a local interface"
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
        if (gapOpen) {
            onGapTimer(System.nanoTime());
        }
        return n;
    }

    /**
     * Handles {@code length} bytes of {@code datagram} as if the socket had just received them, then
     * runs the gap timer as {@link #doWork} does, at {@code nowNs} (a {@link System#nanoTime} value).
     * For the fuzz harnesses, which deliver packets in-process; not on any production path.
     */
    void deliver(byte[] datagram, int length, long receiveNs, long nowNs) {
        buffer.clear();
        buffer.put(datagram, 0, Math.min(length, MAX_DATAGRAM));
        onPacket(buffer.position(), receiveNs);
        if (gapOpen) {
            onGapTimer(nowNs);
        }
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
        } else if (!Arrays.equals(b, SESSION_OFFSET, SESSION_OFFSET + SESSION_LENGTH, expectedSession, 0,
                SESSION_LENGTH)) {
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
        if (sequencer.ended() && seq + (control ? 0 : count) > next) {
            // The session's end is journaled: nothing may follow it (found by MoldUdp64FuzzTest).
            add(counters.malformedSequence, 1);
            reports.report("MoldUDP64 packet past the end of session",
                    seq + " (the session ended before " + next + ")");
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
        if (seq > sequencer.next()) {
            // A heartbeat says the server has sent up to seq - 1: what lies between is missing.
            knownEnd = Math.max(knownEnd, seq);
            if (!onAhead(receiveNs)) {
                return;
            }
            sequencer.gap(seq, receiveNs);
        }
        if (endOfSession && sequencer.next() == seq) {
            sequencer.endOfSession(receiveNs);
            dropPastTheEnd();
        }
    }

    /**
     * The feed says it sent nothing after {@code seq - 1}: packets stashed beyond it and the gap waiting
     * for them would otherwise be journaled after the session end (found by MoldUdp64FuzzTest: data at
     * 128 stashed, then the end at 1, then the gap timer wrote a gap record after the end). Dropped and
     * counted as packets with an impossible sequence.
     */
    private void dropPastTheEnd() {
        if (pendingCount > 0) {
            add(counters.malformedSequence, pendingCount);
            reports.report("MoldUDP64 packets past the end of session", pendingCount
                    + " packets after sequence " + (sequencer.next() - 1) + " dropped");
            while (pendingCount > 0) {
                release(0);
            }
        }
        knownEnd = sequencer.next();
        gapOpen = false;
    }

    private void onData(long seq, int count, long receiveNs) {
        long end = seq + count;
        long next = sequencer.next();
        if (end <= next) {
            add(counters.duplicates, count);
            return;
        }
        if (seq > next) {
            knownEnd = Math.max(knownEnd, end);
            if (!onAhead(receiveNs)) {
                stash(bytes, buffer.position(), seq, count);
                return;
            }
            sequencer.gap(seq, receiveNs); // no re-request server: lost for good
        }
        journal(bytes, 0, seq, count, receiveNs);
        drainPending(receiveNs);
        afterProgress();
    }

    /** Journals the messages of the packet at {@code offset} in {@code b} from the next sequence due. */
    private void journal(byte[] b, int offset, long seq, int count, long receiveNs) {
        long next = sequencer.next();
        int p = offset + HEADER_LENGTH;
        for (long s = seq, end = seq + count; s < end; s++) {
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
    }

    /**
     * A sequence beyond the next one due was seen. Opens (or continues) a gap; asks for the missing
     * range when a re-request server is configured. Returns true when the gap cannot be recovered
     * (no re-request server): the caller journals it as lost and goes on.
     */
    private boolean onAhead(long receiveNs) {
        long now = System.nanoTime();
        if (!gapOpen) {
            gapOpen = true;
            add(counters.gapsDetected, 1);
            lastProgressNs = now;
        }
        if (options.request() == null) {
            gapOpen = false;
            return true;
        }
        if (now - lastRequestNs >= options.retransmitMs() * 1_000_000L) {
            request(now, true);
        }
        return false;
    }

    /** After the next sequence moved on: closes the gap when nothing known is missing, else asks for the next hole. */
    private void afterProgress() {
        if (!gapOpen) {
            return;
        }
        if (sequencer.next() >= knownEnd && pendingCount == 0) {
            gapOpen = false;
            add(counters.gapsRecovered, 1);
        } else {
            request(lastProgressNs, false); // a retransmission arrived: keep the window of requests full
        }
    }

    /** Keeps a packet received ahead of a gap, so that only the gap itself has to be retransmitted. */
    private void stash(byte[] b, int length, long seq, int count) {
        if (pendingCount == PENDING_SLOTS || length > PENDING_SLOT_BYTES) {
            add(counters.outOfOrderPackets, 1); // dropped: it lies below knownEnd and will be re-requested
            return;
        }
        int slot = freeSlots[PENDING_SLOTS - 1 - pendingCount];
        System.arraycopy(b, 0, pending, slot * PENDING_SLOT_BYTES, length);
        pendingSeq[slot] = seq;
        pendingCountOf[slot] = count;
        live[pendingCount++] = slot;
    }

    /** Journals stashed packets that the next sequence has reached, in order, and frees stale ones. */
    private void drainPending(long receiveNs) {
        boolean found = true;
        while (found && pendingCount > 0) {
            found = false;
            long next = sequencer.next();
            for (int i = 0; i < pendingCount; i++) {
                int slot = live[i];
                long seq = pendingSeq[slot];
                if (seq <= next) {
                    long end = seq + pendingCountOf[slot];
                    if (end > next) {
                        journal(pending, slot * PENDING_SLOT_BYTES, seq, pendingCountOf[slot], receiveNs);
                    } else {
                        add(counters.duplicates, pendingCountOf[slot]);
                    }
                    release(i);
                    found = true;
                    break;
                }
            }
        }
    }

    private void release(int i) {
        int slot = live[i];
        live[i] = live[--pendingCount];
        freeSlots[PENDING_SLOTS - 1 - pendingCount] = slot;
    }

    /** End of the hole after the next sequence: the lowest stashed sequence, or the highest known. */
    private long holeEnd() {
        long end = knownEnd;
        for (int i = 0; i < pendingCount; i++) {
            end = Math.min(end, pendingSeq[live[i]]);
        }
        return end;
    }

    private void onGapTimer(long now) {
        if (now - lastProgressNs >= options.gapTimeoutMs() * 1_000_000L) {
            long receiveNs = clock.nowNs();
            reports.report("unrecovered gap", "sequences from " + sequencer.next() + " not retransmitted within "
                    + options.gapTimeoutMs() + " ms; journaled as gap records");
            // Give up every hole: what was stashed is journaled, what is missing becomes gap records.
            while (sequencer.next() < knownEnd) {
                sequencer.gap(holeEnd(), receiveNs);
                drainPending(receiveNs);
            }
            gapOpen = false;
            lastProgressNs = now;
        } else if (now - lastRequestNs >= options.retransmitMs() * 1_000_000L) {
            request(now, true);
        }
    }

    /**
     * Asks for the hole after the next sequence due, in a window of requests kept in flight: each
     * asks for {@link #REQUEST_CHUNK} messages (few enough that any server's answer fits one packet),
     * up to {@link #REQUEST_WINDOW} messages past the next due. A re-request server answers each
     * request with one packet, so one request at a time would recover a packet per round trip.
     *
     * @param resend ask again from the next sequence due (after a timeout) rather than topping up
     */
    private void request(long now, boolean resend) {
        long next = sequencer.next();
        if (resend || requestedUpTo < next) {
            requestedUpTo = next;
        }
        long limit = Math.min(holeEnd(), next + REQUEST_WINDOW);
        while (requestedUpTo < limit) {
            int wanted = (int) Math.min(REQUEST_CHUNK, limit - requestedUpTo);
            requestPacket.clear();
            requestPacket.put(expectedSession).putLong(requestedUpTo).putShort((short) wanted).flip();
            try {
                channel.send(requestPacket, options.request());
                add(counters.reRequests, 1);
            } catch (IOException e) {
                reports.report("re-request failed", options.request() + ": " + e.getMessage());
                break;
            }
            requestedUpTo += wanted;
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
