package io.tickjournal.capture;

import io.tickjournal.journal.EpochClock;
import io.tickjournal.journal.JournalWriter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import static io.tickjournal.capture.CaptureCounters.add;
import static io.tickjournal.protocol.SoupBinTcpLayout.*;

/**
 * Journals a SoupBinTCP 3.00 session as a client: logs in asking for the sequence after the last
 * one journaled (so a restarted capture gets what it missed), journals sequenced data in order,
 * sends heartbeats, and reconnects after {@code reconnectMs} when the connection drops, the server
 * goes silent, or the session ends (a capture runs across the feed's end of session).
 *
 * <p>A login accepted at a later sequence than requested is a gap the server cannot fill: it is
 * journaled as a gap record. An earlier one sends duplicates, which are dropped. A packet of zero
 * or impossible length breaks the framing: counted, and the connection is dropped and re-made
 * (nothing of it is journaled past the last whole message). Unknown packet types are counted.
 *
 * <p>Thread-confined; non-blocking socket, no allocation per message.
 */
public final class SoupBinTcpIngestor implements FeedIngestor {
    /** @param session session to log in to, or null (the journal's last session, or the server's current one) */
    public record Options(InetSocketAddress server, String session, String username, String password,
                          long reconnectMs) {
    }

    private enum State { IDLE, CONNECTING, LOGIN, STREAMING }

    private final Options options;
    private final FeedSequencer sequencer;
    private final CaptureCounters counters;
    private final ReportOnce reports;
    private final Consumer<String> say;
    private final EpochClock clock = EpochClock.PROCESS;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 17);
    private final byte[] inBytes = in.array();
    private final ByteBuffer out = ByteBuffer.allocate(256);
    private final byte[] login = new byte[LOGIN_REQUEST_PAYLOAD];
    private SocketChannel channel;
    private State state = State.IDLE;
    private long reconnectAtNs;
    private long lastReceiveNs;
    private long lastSendNs;
    /** Sequence of the next sequenced data packet on this connection. */
    private long soupNext;

    /**
     * An ingestor connecting per {@code options} and journaling through {@code writer}, resuming after {@code resume};
     * run by one thread.
     */
    public SoupBinTcpIngestor(Options options, JournalWriter writer, CaptureCounters counters, JournalResume resume,
                              Consumer<String> say) {
        this.options = options;
        this.counters = counters;
        this.sequencer = new FeedSequencer(writer, counters, resume, "soup");
        this.reports = new ReportOnce(say);
        this.say = say;
    }

    @Override
    public void open() {
        connect();
    }

    /** True while a connection is made or being made; false once dropped (for the fuzz harness). */
    boolean connected() {
        return state != State.IDLE;
    }

    @Override
    public FeedSequencer sequencer() {
        return sequencer;
    }

    @Override
    public int doWork() {
        long now = System.nanoTime();
        try {
            switch (state) {
                case IDLE:
                    if (now >= reconnectAtNs) {
                        connect();
                    }
                    return 0;
                case CONNECTING:
                    if (channel.finishConnect()) {
                        sendLogin();
                        state = State.LOGIN;
                        lastReceiveNs = now;
                    }
                    return 0;
                default:
                    return receive(now);
            }
        } catch (IOException e) {
            if (state == State.CONNECTING) {
                reports.report("cannot connect to the SoupBinTCP server", options.server() + ": " + e.getMessage()
                        + "; retrying every " + options.reconnectMs() + " ms");
                disconnect(null);
            } else {
                disconnect("connection to " + options.server() + " lost: " + e.getMessage());
            }
            return 0;
        }
    }

    private void connect() {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            channel.socket().setReceiveBufferSize(4 << 20);
            in.clear();
            add(counters.connections, 1);
            state = channel.connect(options.server()) ? State.LOGIN : State.CONNECTING;
            if (state == State.LOGIN) {
                sendLogin();
                lastReceiveNs = System.nanoTime();
            }
        } catch (IOException e) {
            reports.report("cannot connect to the SoupBinTCP server", options.server() + ": " + e.getMessage()
                    + "; retrying every " + options.reconnectMs() + " ms");
            disconnect(null);
        }
    }

    private void sendLogin() throws IOException {
        String session = options.session() != null ? options.session()
                : sequencer.begun() ? sequencer.session() : sequencer.resumedSession();
        boolean resuming = sequencer.begun() || session != null && session.equals(sequencer.resumedSession());
        long requested = sequencer.begun() ? sequencer.next() : resuming ? sequencer.resumedNext() : 1;
        putAlpha(login, 0, USERNAME_LENGTH, options.username());
        putAlpha(login, USERNAME_LENGTH, PASSWORD_LENGTH, options.password());
        putAlpha(login, USERNAME_LENGTH + PASSWORD_LENGTH, SESSION_LENGTH, session == null ? "" : session);
        putNumeric(login, USERNAME_LENGTH + PASSWORD_LENGTH + SESSION_LENGTH, SEQUENCE_LENGTH, requested);
        out.clear();
        out.putShort((short) (1 + LOGIN_REQUEST_PAYLOAD)).put(LOGIN_REQUEST).put(login);
        send();
        add(counters.reRequests, 1);
    }

    private int receive(long now) throws IOException {
        int read = channel.read(in);
        if (read < 0) {
            disconnect("SoupBinTCP server " + options.server() + " closed the connection");
            return 0;
        }
        int packets = 0;
        if (read > 0) {
            lastReceiveNs = now;
            long receiveNs = clock.nowNs();
            int p = 0;
            int limit = in.position();
            while (limit - p >= LENGTH_PREFIX + 1) {
                int length = ((inBytes[p] & 0xFF) << 8) | (inBytes[p + 1] & 0xFF);
                if (length == 0) {
                    add(counters.malformedLength, 1);
                    reports.report("SoupBinTCP packet of length 0", "framing lost");
                    disconnect("framing lost; reconnecting");
                    return packets;
                }
                if (limit - p < LENGTH_PREFIX + length) {
                    break;
                }
                packets++;
                add(counters.packets, 1);
                if (!onPacket(inBytes[p + 2], p + 3, length - 1, receiveNs)) {
                    return packets;
                }
                p += LENGTH_PREFIX + length;
            }
            in.flip();
            in.position(p);
            in.compact();
        }
        if (state == State.STREAMING && now - lastSendNs > HEARTBEAT_INTERVAL_MS * 1_000_000L) {
            out.clear();
            out.putShort((short) 1).put(CLIENT_HEARTBEAT);
            send();
        }
        if (now - lastReceiveNs > TIMEOUT_MS * 1_000_000L) {
            disconnect("SoupBinTCP server " + options.server() + " silent for " + TIMEOUT_MS + " ms");
        }
        return packets;
    }

    /** Handles one packet; false when the connection was dropped. */
    private boolean onPacket(byte type, int offset, int length, long receiveNs) throws IOException {
        switch (type) {
            case SEQUENCED_DATA:
                if (state != State.STREAMING) {
                    return protocolError("sequenced data before login was accepted");
                }
                if (soupNext == sequencer.next()) {
                    sequencer.journal(inBytes, offset, length, receiveNs);
                    counters.lastJournaledNs.lazySet(receiveNs);
                } else {
                    add(counters.duplicates, 1);
                }
                soupNext++;
                return true;
            case SERVER_HEARTBEAT:
            case DEBUG:
            case UNSEQUENCED_DATA:
                return true;
            case LOGIN_ACCEPTED:
                return onLoginAccepted(offset, length, receiveNs);
            case LOGIN_REJECTED:
                reports.report("SoupBinTCP login rejected",
                        "reason '" + (length > 0 ? (char) inBytes[offset] : '?') + "'");
                disconnect("login rejected by " + options.server());
                return false;
            case END_OF_SESSION:
                if (soupNext == sequencer.next() && sequencer.begun()) {
                    sequencer.endOfSession(receiveNs);
                }
                out.clear();
                out.putShort((short) 1).put(LOGOUT_REQUEST);
                send();
                disconnect(null);
                return false;
            default:
                add(counters.malformedProtocol, 1);
                reports.report("unknown SoupBinTCP packet type", "0x" + Integer.toHexString(type & 0xFF));
                return true;
        }
    }

    private boolean onLoginAccepted(int offset, int length, long receiveNs) {
        if (state != State.LOGIN || length != LOGIN_ACCEPTED_PAYLOAD) {
            return protocolError("unexpected login accepted");
        }
        long sequence = getNumeric(inBytes, offset + SESSION_LENGTH, SEQUENCE_LENGTH);
        String session = new String(inBytes, offset, SESSION_LENGTH,
                java.nio.charset.StandardCharsets.US_ASCII).strip();
        if (sequence < 1 || session.isEmpty()) {
            return protocolError("login accepted with session '" + session + "' and sequence " + sequence);
        }
        if (!sequencer.begun()) {
            sequencer.begin(session, receiveNs);
        } else if (!session.equals(sequencer.session())) {
            add(counters.malformedWrongSession, 1);
            reports.report("SoupBinTCP server changed session",
                    "'" + session + "', capturing '" + sequencer.session() + "'");
            disconnect("server offers another session");
            return false;
        }
        soupNext = sequence;
        if (sequence > sequencer.next()) {
            add(counters.gapsDetected, 1);
            reports.report("SoupBinTCP server cannot send what was missed", "asked for " + sequencer.next()
                    + ", accepted at " + sequence + "; journaled as a gap record");
            sequencer.gap(sequence, receiveNs);
        }
        state = State.STREAMING;
        return true;
    }

    private boolean protocolError(String what) {
        add(counters.malformedProtocol, 1);
        reports.report("SoupBinTCP protocol error", what);
        disconnect(what + "; reconnecting");
        return false;
    }

    private void send() throws IOException {
        out.flip();
        for (int i = 0; i < 100 && out.hasRemaining(); i++) {
            channel.write(out);
        }
        lastSendNs = System.nanoTime();
    }

    private void disconnect(String why) {
        if (why != null && state != State.IDLE) {
            say.accept("capture: " + why);
        }
        closeChannel();
        state = State.IDLE;
        reconnectAtNs = System.nanoTime() + options.reconnectMs() * 1_000_000L;
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        if (state == State.STREAMING && channel != null) {
            try {
                out.clear();
                out.putShort((short) 1).put(LOGOUT_REQUEST);
                send();
            } catch (IOException e) {
                // going anyway
            }
        }
        closeChannel();
        state = State.IDLE;
    }
}
