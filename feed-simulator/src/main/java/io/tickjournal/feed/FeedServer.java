package io.tickjournal.feed;

import io.tickjournal.TickjournalException;
import io.tickjournal.agent.AgentThreads;
import io.tickjournal.protocol.MoldUdp64Layout;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

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
import java.util.concurrent.atomic.AtomicLong;
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
        /** Checks the options; a bad one is refused naming its setting ({@link FeedSettings}). */
        public Options {
            if (dropRate < 0 || dropRate >= 1) {
                throw FeedSettings.DROP_RATE.invalid("must be in [0, 1), got " + dropRate);
            }
            if (rate < 0) {
                throw FeedSettings.RATE.invalid("must not be negative, got " + rate);
            }
            if (session == null || session.isEmpty() || session.length() > SESSION_LENGTH) {
                throw FeedSettings.SESSION.invalid("must be 1 to 10 ASCII characters, got '" + session + "'");
            }
            if (heartbeatMs <= 0) {
                throw FeedSettings.HEARTBEAT_MS.invalid("must be positive, got " + heartbeatMs);
            }
            if (mold == null && soup == null) {
                throw new TickjournalException("feed settings: give 'mold' (HOST:PORT) or 'soup' (HOST:PORT), "
                        + "or both");
            }
        }
    }


    private final FeedMessages messages;
    private final Options options;
    private final MoldPackets packets;
    private final Consumer<String> say;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong packetsSent = new AtomicLong();
    private final AtomicLong packetsDropped = new AtomicLong();
    private final AtomicLong requestsServed = new AtomicLong();
    /** The publisher, the re-request server and the SoupBinTCP acceptor. */
    private final AgentThreads agents;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private volatile boolean running = true;

    private DatagramChannel moldChannel;
    private DatagramChannel requestChannel;
    private ServerSocketChannel soupChannel;

    /** A server of {@code messages} per {@code options}, reporting lines to {@code say}. */
    public FeedServer(FeedMessages messages, Options options, Consumer<String> say) {
        this.messages = messages;
        this.options = options;
        this.packets = new MoldPackets(messages, MoldUdp64Layout.session(options.session()));
        this.say = say;
        this.agents = new AgentThreads((role, t) -> {
            if (running) {
                say.accept("feed: " + role + " failed: " + t);
            }
        });
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
                requestChannel.configureBlocking(false);
                closeables.add(requestChannel);
                agents.start(new RequestServer(), pollIdle(), true);
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
                soupChannel.configureBlocking(false);
                closeables.add(soupChannel);
                agents.start(new SoupAcceptor(), pollIdle(), true);
            }
        } catch (IOException e) {
            close();
            throw TickjournalException.io("feed sockets", e);
        }
        MoldPublisher publisher = new MoldPublisher(messages, packets, options, moldChannel,
                new MoldPublisher.Counters(published, packetsSent, packetsDropped), () -> running, say);
        agents.start(publisher, publisher, true);
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

    /**
     * The re-request server and the SoupBinTCP acceptor poll non-blocking sockets: spin and yield a
     * little, then park up to 1 ms (a re-request or a login waits at most that; an idle feed costs
     * about a thousand wake-ups a second).
     */
    private static IdleStrategy pollIdle() {
        return new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
    }

    /**
     * A SoupBinTCP session polls its client and the published count: spin and yield a little, then park up
     * to 100 us (how long a newly published message may wait to be sent on a quiet feed).
     */
    private static IdleStrategy sessionIdle() {
        return new BackoffIdleStrategy(10, 10, 1_000, 100_000);
    }

    // ---- MoldUDP64 downstream --------------------------------------------------------------------

    /**
     * Ends an agent whose socket failed: says so unless the server is closing (a closed channel is
     * how a blocked or polling agent learns of it).
     */
    static AgentTerminationException ended(boolean running, Consumer<String> say, String what, IOException e) {
        if (running && !(e instanceof ClosedChannelException)) {
            say.accept("feed: " + what + " failed: " + e.getMessage());
        }
        return new AgentTerminationException();
    }

    // ---- MoldUDP64 re-request server ----------------------------------------------------------------

    /** Answers MoldUDP64 re-requests from what has been published; polls its non-blocking socket. */
    private final class RequestServer implements Agent {
        private final ByteBuffer request = ByteBuffer.allocate(MAX_DATAGRAM);
        private final ByteBuffer reply = ByteBuffer.allocate(MoldPackets.CAPACITY);

        @Override
        public int doWork() {
            try {
                request.clear();
                InetSocketAddress from = (InetSocketAddress) requestChannel.receive(request);
                if (from == null) {
                    return 0;
                }
                request.flip();
                if (request.remaining() != REQUEST_LENGTH || !packets.sameSession(request)) {
                    return 1;
                }
                long first = request.getLong(SEQUENCE_OFFSET);
                int wanted = request.getShort(COUNT_OFFSET) & 0xFFFF;
                long last = Math.min(published.get(), first + Math.max(wanted, 1) - 1);
                if (first < 1 || first > last) {
                    return 1;
                }
                packets.fill(reply, first, last);
                requestChannel.send(reply, from);
                requestsServed.incrementAndGet();
                return 1;
            } catch (IOException e) {
                throw ended(running, say, "re-request server", e);
            }
        }

        @Override
        public String roleName() {
            return "feed-rerequest";
        }
    }

    // ---- SoupBinTCP ------------------------------------------------------------------------------

    /**
     * Accepts SoupBinTCP clients, each served by a session agent on a thread of its own (a feed serves one
     * capture or a few, so a thread each costs nothing and keeps each session's code a plain loop step);
     * polls its non-blocking socket.
     */
    private final class SoupAcceptor implements Agent {
        @Override
        public int doWork() {
            try {
                SocketChannel client = soupChannel.accept();
                if (client == null) {
                    return 0;
                }
                // Not kept in closeables: the session agent closes its connection when it ends
                // (SoupBinTcpServerSession.onClose), so a long-running feed holds nothing per past client.
                try {
                    client.configureBlocking(false);
                    client.socket().setTcpNoDelay(true);
                } catch (IOException e) {
                    client.close(); // the client went away at once: nothing to serve
                    return 1;
                }
                agents.start(new SoupBinTcpServerSession(client, messages, options.session(), published,
                        options.heartbeatMs(), () -> running, say), sessionIdle(), true);
                return 1;
            } catch (IOException e) {
                throw ended(running, say, "SoupBinTCP accept", e);
            }
        }

        @Override
        public String roleName() {
            return "feed-soup-accept";
        }
    }

    /** Sleeps {@code ms} milliseconds; an interrupt ends the sleep and stays set. */
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
        agents.close();
    }
}
