package io.tickjournal.feed;

import io.tickjournal.TickjournalException;
import io.tickjournal.protocol.MoldUdp64Layout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import static io.tickjournal.protocol.MoldUdp64Layout.*;

/**
 * Serves a BinaryFILE as a live feed: a MoldUDP64 stream (unicast or multicast, as many messages
 * per packet as fit {@link MoldUdp64Layout#MAX_PAYLOAD}, heartbeats, end of session) with a
 * re-request server that answers from what has been sent, and a SoupBinTCP 3.00 server (login
 * with a requested sequence, heartbeats, end of session). Messages are "published" at the
 * configured rate; both transports send only published messages.
 *
 * <p>{@code dropRate} drops that fraction of downstream MoldUDP64 data packets (seeded), for loss
 * tests; retransmissions and SoupBinTCP are never dropped.
 */
public final class FeedServer implements AutoCloseable {
    /**
     * @param mold        where to send the MoldUDP64 stream (a unicast or multicast address), or null
     * @param iface       interface address for multicast (and the local address the sockets bind to), or null
     * @param rate        messages per second, 0 for as fast as possible
     * @param requestPort re-request server port (0: ephemeral), or null for none
     * @param soup        SoupBinTCP listen address (port 0: ephemeral), or null for none
     */
    public record Options(InetSocketAddress mold, InetAddress iface, long rate, String session, Integer requestPort,
                          double dropRate, long dropSeed, InetSocketAddress soup, long heartbeatMs) {
        /** Checks the options; a bad one is refused naming its flag. */
        public Options {
            if (dropRate < 0 || dropRate >= 1) {
                throw new TickjournalException("--drop-rate must be in [0, 1), got " + dropRate);
            }
            if (rate < 0) {
                throw new TickjournalException("--rate must not be negative, got " + rate);
            }
            if (session == null || session.isEmpty() || session.length() > SESSION_LENGTH) {
                throw new TickjournalException("--session must be 1 to 10 ASCII characters, got '" + session + "'");
            }
            if (mold == null && soup == null) {
                throw new TickjournalException("give --mold HOST:PORT or --soup HOST:PORT (or both)");
            }
        }
    }

    /** A paced packet waits for this many messages, or {@link #BATCH_WAIT_NS}, whichever comes first. */
    private static final int BATCH_MESSAGES = 32;
    private static final long BATCH_WAIT_NS = 200_000;

    private final FeedMessages messages;
    private final Options options;
    private final byte[] session;
    private final Consumer<String> say;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong packetsSent = new AtomicLong();
    private final AtomicLong packetsDropped = new AtomicLong();
    private final AtomicLong requestsServed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private volatile boolean running = true;

    private DatagramChannel moldChannel;
    private DatagramChannel requestChannel;
    private ServerSocketChannel soupChannel;

    /** A server of {@code messages} per {@code options}, reporting lines to {@code say}. */
    public FeedServer(FeedMessages messages, Options options, Consumer<String> say) {
        this.messages = messages;
        this.options = options;
        this.session = MoldUdp64Layout.session(options.session());
        this.say = say;
    }

    /** Opens the sockets and starts serving. */
    public FeedServer start() {
        try {
            if (options.requestPort() != null) {
                InetAddress bind = options.iface() != null ? options.iface()
                        : options.mold() != null && !options.mold().getAddress().isMulticastAddress()
                        ? options.mold().getAddress() : InetAddress.getLoopbackAddress();
                requestChannel = DatagramChannel.open(StandardProtocolFamily.INET);
                requestChannel.bind(new InetSocketAddress(bind, options.requestPort()));
                closeables.add(requestChannel);
                spawn("feed-rerequest", this::serveRequests);
            }
            if (options.mold() != null) {
                moldChannel = DatagramChannel.open(StandardProtocolFamily.INET);
                moldChannel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
                if (options.mold().getAddress().isMulticastAddress()) {
                    if (options.iface() != null) {
                        NetworkInterface ni = NetworkInterface.getByInetAddress(options.iface());
                        if (ni == null) {
                            throw new TickjournalException(options.iface() + ": no network interface has this address");
                        }
                        moldChannel.setOption(StandardSocketOptions.IP_MULTICAST_IF, ni);
                    }
                    moldChannel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
                    moldChannel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
                }
                closeables.add(moldChannel);
            }
            if (options.soup() != null) {
                soupChannel = ServerSocketChannel.open();
                soupChannel.bind(options.soup());
                closeables.add(soupChannel);
                spawn("feed-soup-accept", this::acceptSoup);
            }
        } catch (IOException e) {
            close();
            throw TickjournalException.io("feed sockets", e);
        }
        spawn("feed-publisher", this::publish);
        return this;
    }

    /** Actual re-request server port, or -1. */
    public int requestPort() {
        return localPort(requestChannel == null ? null : requestChannel.socket().getLocalPort());
    }

    /** Actual SoupBinTCP port, or -1. */
    public int soupPort() {
        return localPort(soupChannel == null ? null : soupChannel.socket().getLocalPort());
    }

    private static int localPort(Integer port) {
        return port == null ? -1 : port;
    }

    /** Messages published (sent downstream, or made available to SoupBinTCP sessions) so far. */
    public long published() {
        return published.get();
    }

    /** Whether every message has been published. */
    public boolean finished() {
        return published.get() == messages.count();
    }

    /** MoldUDP64 packets sent so far. */
    public long packetsSent() {
        return packetsSent.get();
    }

    /** MoldUDP64 packets dropped on purpose ({@code --drop-rate}). */
    public long packetsDropped() {
        return packetsDropped.get();
    }

    /** MoldUDP64 re-requests answered. */
    public long requestsServed() {
        return requestsServed.get();
    }

    private void spawn(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                if (running) {
                    say.accept("feed: " + name + " failed: " + e);
                }
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    // ---- MoldUDP64 downstream --------------------------------------------------------------------

    private void publish() {
        ByteBuffer packet = ByteBuffer.allocate(PACKET_CAPACITY);
        SplittableRandom random = new SplittableRandom(options.dropSeed());
        int count = messages.count();
        long rate = options.rate();
        long start = System.nanoTime();
        long lastSendNs = start;
        long next = 1;
        try {
            while (running && next <= count) {
                long allowed = count;
                if (rate > 0) {
                    long now = System.nanoTime();
                    allowed = Math.min(count, (long) ((now - start) / 1e9 * rate));
                    // Batch as a real feed does: a packet goes when it is full enough or has waited long enough.
                    if (allowed < next || allowed - next + 1 < BATCH_MESSAGES && allowed < count
                            && now - lastSendNs < BATCH_WAIT_NS) {
                        if (moldChannel != null && System.nanoTime() - lastSendNs > options.heartbeatMs() * 1_000_000) {
                            sendControl(packet, next, COUNT_HEARTBEAT);
                            lastSendNs = System.nanoTime();
                        }
                        LockSupport.parkNanos(Math.min(100_000, Math.max(20_000, 1_000_000_000L / rate / 2)));
                        continue;
                    }
                }
                long last = fill(packet, next, allowed);
                if (moldChannel != null) {
                    if (options.dropRate() > 0 && random.nextDouble() < options.dropRate()) {
                        packetsDropped.incrementAndGet();
                    } else {
                        moldChannel.send(packet, options.mold());
                        packetsSent.incrementAndGet();
                    }
                    lastSendNs = System.nanoTime();
                }
                published.set(last);
                next = last + 1;
            }
            if (next <= count) {
                // Stopped (SIGTERM/SIGINT) mid-stream: say how far it got, and no end of session.
                say.accept("feed: stopped after " + (next - 1) + " of " + count + " messages; no end of session sent");
                return;
            }
            say.accept("feed: all " + count + " messages published; sending end of session");
            while (running && moldChannel != null) {
                sendControl(packet, count + 1L, COUNT_END_OF_SESSION);
                sleepMs(options.heartbeatMs());
            }
        } catch (ClosedChannelException e) {
            // stopped
        } catch (IOException e) {
            if (running) {
                say.accept("feed: MoldUDP64 send to " + options.mold() + " failed: " + e.getMessage());
            }
        }
    }

    /**
     * Room for a packet of one message of any length a BinaryFILE allows (65,535 bytes): a packet
     * is filled up to {@link MoldUdp64Layout#MAX_PAYLOAD} bytes, but a longer first message still
     * goes, alone (found by ReRequestServerFuzzTest: a 1,400-byte message overflowed the buffer and
     * stopped the publisher).
     */
    private static final int PACKET_CAPACITY = HEADER_LENGTH + BLOCK_LENGTH_PREFIX + 0xFFFF;

    /** Fills a data packet with messages from {@code first} up to {@code last} as fit; returns the last one put. */
    private long fill(ByteBuffer packet, long first, long last) {
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

    private void sendControl(ByteBuffer packet, long sequence, int count) throws IOException {
        packet.clear();
        packet.put(session).putLong(sequence).putShort((short) count).flip();
        moldChannel.send(packet, options.mold());
    }

    // ---- MoldUDP64 re-request server ----------------------------------------------------------------

    private void serveRequests() {
        ByteBuffer request = ByteBuffer.allocate(MAX_DATAGRAM);
        ByteBuffer reply = ByteBuffer.allocate(PACKET_CAPACITY);
        try {
            while (running) {
                request.clear();
                InetSocketAddress from = (InetSocketAddress) requestChannel.receive(request);
                request.flip();
                if (request.remaining() != REQUEST_LENGTH || !sameSession(request)) {
                    continue;
                }
                long first = request.getLong(SEQUENCE_OFFSET);
                int wanted = request.getShort(COUNT_OFFSET) & 0xFFFF;
                long last = Math.min(published.get(), first + Math.max(wanted, 1) - 1);
                if (first < 1 || first > last) {
                    continue;
                }
                fill(reply, first, last);
                requestChannel.send(reply, from);
                requestsServed.incrementAndGet();
            }
        } catch (ClosedChannelException e) {
            // stopped
        } catch (IOException e) {
            if (running) {
                say.accept("feed: re-request server failed: " + e.getMessage());
            }
        }
    }

    private boolean sameSession(ByteBuffer b) {
        for (int i = 0; i < SESSION_LENGTH; i++) {
            if (b.get(i) != session[i]) {
                return false;
            }
        }
        return true;
    }

    // ---- SoupBinTCP ------------------------------------------------------------------------------

    private void acceptSoup() {
        try {
            while (running) {
                SocketChannel client = soupChannel.accept();
                synchronized (closeables) {
                    closeables.add(client);
                }
                Thread t = new Thread(new SoupBinTcpServerSession(client, messages, options.session(), published,
                        options.heartbeatMs(), () -> running, say), "feed-soup-session");
                t.setDaemon(true);
                t.start();
            }
        } catch (ClosedChannelException e) {
            // stopped
        } catch (IOException e) {
            if (running) {
                say.accept("feed: SoupBinTCP accept failed: " + e.getMessage());
            }
        }
    }

    static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every thread and closes every socket. */
    @Override
    public void close() {
        running = false;
        synchronized (closeables) {
            for (AutoCloseable c : closeables) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing anyway
                }
            }
        }
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
