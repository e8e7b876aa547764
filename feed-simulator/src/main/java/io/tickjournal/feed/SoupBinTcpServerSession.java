package io.tickjournal.feed;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static io.tickjournal.protocol.SoupBinTcpLayout.*;

/**
 * One SoupBinTCP 3.00 client connection of the feed server, an agent of its own: waits for a login request,
 * accepts it from the requested sequence (0: the next message to be published), then streams every
 * published message as sequenced data, heartbeats when idle, and ends the session after the last
 * message of the file. A session that asks for another session name is rejected. The agent ends itself
 * when the client logs out, goes away or stays silent, after the end of session, or when the server stops;
 * {@link #onClose} closes the connection. Runs on its own thread, polling the non-blocking channel.
 */
final class SoupBinTcpServerSession implements Agent {
    private enum Phase { LOGIN, STREAM, LINGER }

    private final SocketChannel channel;
    private final FeedMessages messages;
    private final String session;
    private final AtomicLong published;
    private final long heartbeatNs;
    private final BooleanSupplier running;
    private final Consumer<String> say;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 16);
    private final ByteBuffer out = ByteBuffer.allocate(1 << 16);
    private long lastReceiveNs = System.nanoTime();
    private long lastSendNs = System.nanoTime();
    private Phase phase = Phase.LOGIN;
    private long next;
    private boolean ended;
    private long lingerUntilNs;

    /** A session on the connected, non-blocking {@code channel}, serving what {@code published} counts. */
    SoupBinTcpServerSession(SocketChannel channel, FeedMessages messages, String session, AtomicLong published,
                            long heartbeatMs, BooleanSupplier running, Consumer<String> say) {
        this.channel = channel;
        this.messages = messages;
        this.session = session;
        this.published = published;
        this.heartbeatNs = heartbeatMs * 1_000_000L;
        this.running = running;
        this.say = say;
    }

    /**
     * One step of the session: bytes read, messages or heartbeats written.
     *
     * @return 0 when there was nothing to do
     * @throws AgentTerminationException when the session is over (never a failure: a client that went away
     *                                   is forgotten, as a connection refused at login is)
     */
    @Override
    public int doWork() {
        try {
            int work = switch (phase) {
                case LOGIN -> running.getAsBoolean() ? login() : -1;
                case STREAM -> running.getAsBoolean() ? stream() : -1;
                case LINGER -> linger();
            };
            if (work < 0) {
                throw new AgentTerminationException();
            }
            return work;
        } catch (IOException e) {
            throw new AgentTerminationException(); // the client went away: nothing to do but forget the session
        }
    }

    @Override
    public void onClose() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public String roleName() {
        return "feed-soup-session";
    }

    /** Streams what has been published since the last step; -1 when the session is over. */
    private int stream() throws IOException {
        if (!readClient()) {
            return -1;
        }
        int count = messages.count();
        byte[] data = messages.data();
        long available = published.get();
        boolean wrote = false;
        while (next <= available && out.remaining() >= 3 + messages.length(next)) {
            int len = messages.length(next);
            out.putShort((short) (len + 1)).put(SEQUENCED_DATA).put(data, messages.offset(next), len);
            next++;
            wrote = true;
        }
        if (!wrote && next > count && !ended) {
            if (out.remaining() >= 3) {
                out.putShort((short) 1).put(END_OF_SESSION);
                ended = true;
                wrote = true;
            }
        } else if (!wrote && out.position() == 0 && System.nanoTime() - lastSendNs > heartbeatNs) {
            out.putShort((short) 1).put(SERVER_HEARTBEAT);
            wrote = true;
        }
        int pending = flush();
        if (ended && pending == 0) {
            // Give the client a moment to read the end of session and log out, then close.
            lingerUntilNs = System.nanoTime() + 2 * heartbeatNs;
            phase = Phase.LINGER;
            return 1;
        }
        if (silent()) {
            say.accept("feed: SoupBinTCP client silent for " + TIMEOUT_MS + " ms; closing");
            return -1;
        }
        return wrote || pending > 0 ? 1 : 0;
    }

    /** After the end of session: reads until the client logs out or two heartbeat intervals pass. */
    private int linger() throws IOException {
        return System.nanoTime() < lingerUntilNs && readClient() ? 0 : -1;
    }

    /** Reads the login request: 1 once accepted (streaming from then on), 0 while waiting, -1 when refused. */
    private int login() throws IOException {
        int n = channel.read(in);
        if (n < 0) {
            return -1;
        }
        if (in.position() >= 3) {
            int length = in.getShort(0) & 0xFFFF;
            if (in.position() >= 2 + length) {
                byte type = in.get(2);
                if (type != LOGIN_REQUEST || length != 1 + LOGIN_REQUEST_PAYLOAD) {
                    return -1;
                }
                byte[] b = new byte[LOGIN_REQUEST_PAYLOAD];
                in.get(3, b);
                compact(2 + length);
                String requested = new String(b, USERNAME_LENGTH + PASSWORD_LENGTH, SESSION_LENGTH,
                        java.nio.charset.StandardCharsets.US_ASCII).strip();
                long sequence = getNumeric(b, USERNAME_LENGTH + PASSWORD_LENGTH + SESSION_LENGTH, SEQUENCE_LENGTH);
                if (!requested.isEmpty() && !requested.equals(session)) {
                    out.putShort((short) 2).put(LOGIN_REJECTED).put((byte) 'S');
                    flushFully();
                    return -1;
                }
                next = sequence <= 0 ? published.get() + 1 : Math.min(sequence, messages.count() + 1L);
                byte[] accepted = new byte[LOGIN_ACCEPTED_PAYLOAD];
                putAlpha(accepted, 0, SESSION_LENGTH, session);
                putNumeric(accepted, SESSION_LENGTH, SEQUENCE_LENGTH, next);
                out.putShort((short) (1 + accepted.length)).put(LOGIN_ACCEPTED).put(accepted);
                flushFully();
                phase = Phase.STREAM;
                return 1;
            }
        }
        if (silent()) {
            return -1;
        }
        return n > 0 ? 1 : 0;
    }

    /** True when the client has sent nothing (not even a heartbeat) for {@code TIMEOUT_MS}. */
    private boolean silent() {
        return System.nanoTime() - lastReceiveNs > TIMEOUT_MS * 1_000_000L;
    }

    /** Consumes client packets; false when the client logged out or closed the connection. */
    private boolean readClient() throws IOException {
        int n = channel.read(in);
        if (n < 0) {
            return false;
        }
        if (n > 0) {
            lastReceiveNs = System.nanoTime();
        }
        while (in.position() >= 3) {
            int length = in.getShort(0) & 0xFFFF;
            if (length == 0 || length > in.capacity() - 2) {
                return false;
            }
            if (in.position() < 2 + length) {
                break;
            }
            byte type = in.get(2);
            compact(2 + length);
            if (type == LOGOUT_REQUEST) {
                return false;
            }
        }
        return true;
    }

    private void compact(int consumed) {
        in.flip();
        in.position(consumed);
        in.compact();
    }

    /** Writes what the socket takes now; returns the bytes still pending. */
    private int flush() throws IOException {
        if (out.position() == 0) {
            return 0;
        }
        out.flip();
        channel.write(out);
        out.compact();
        lastSendNs = System.nanoTime();
        return out.position();
    }

    private void flushFully() throws IOException {
        while (flush() > 0) {
            LockSupport.parkNanos(100_000);
        }
    }
}
