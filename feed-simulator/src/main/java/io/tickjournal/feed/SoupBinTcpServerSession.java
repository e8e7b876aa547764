package io.tickjournal.feed;


import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static io.tickjournal.protocol.SoupBinTcpLayout.*;

/**
 * One SoupBinTCP 3.00 client connection of the feed server: waits for a login request, accepts it
 * from the requested sequence (0: the next message to be published), then streams every
 * published message as sequenced data, heartbeats when idle, and ends the session after the last
 * message of the file. A session that asks for another session name is rejected.
 */
final class SoupBinTcpServerSession implements Runnable {
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

    @Override
    public void run() {
        try (SocketChannel c = channel) {
            c.configureBlocking(false);
            c.socket().setTcpNoDelay(true);
            long next = login();
            if (next < 0) {
                return;
            }
            int count = messages.count();
            byte[] data = messages.data();
            boolean ended = false;
            while (running.getAsBoolean()) {
                if (!readClient()) {
                    return;
                }
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
                    long until = System.nanoTime() + 2 * heartbeatNs;
                    while (System.nanoTime() < until && readClient()) {
                        LockSupport.parkNanos(1_000_000);
                    }
                    return;
                }
                if (!wrote && pending == 0) {
                    LockSupport.parkNanos(100_000);
                }
                if (System.nanoTime() - lastReceiveNs > TIMEOUT_MS * 1_000_000L) {
                    say.accept("feed: SoupBinTCP client silent for " + TIMEOUT_MS + " ms; closing");
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away: nothing to do but forget the session.
        }
    }

    /** Waits for a login request; returns the first sequence to send, or -1 when refused or gone. */
    private long login() throws IOException {
        while (running.getAsBoolean()) {
            if (channel.read(in) < 0) {
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
                    long next = sequence <= 0 ? published.get() + 1 : Math.min(sequence, messages.count() + 1L);
                    byte[] accepted = new byte[LOGIN_ACCEPTED_PAYLOAD];
                    putAlpha(accepted, 0, SESSION_LENGTH, session);
                    putNumeric(accepted, SESSION_LENGTH, SEQUENCE_LENGTH, next);
                    out.putShort((short) (1 + accepted.length)).put(LOGIN_ACCEPTED).put(accepted);
                    flushFully();
                    return next;
                }
            }
            if (System.nanoTime() - lastReceiveNs > TIMEOUT_MS * 1_000_000L) {
                return -1;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return -1;
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
