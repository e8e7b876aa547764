package io.tickjournal.fix;

import io.tickjournal.TickjournalException;
import io.tickjournal.storage.OwnerLock;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FileStoreFactory;
import quickfix.MessageStoreFactory;
import quickfix.RuntimeError;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.function.Consumer;

/**
 * A running FIX 4.4 market-data publisher: a QuickFIX/J socket acceptor on {@code bind:port} accepting any
 * client CompID (a dynamic-session template; {@link MarketDataPublisher} enforces the allow list), a file
 * message store per session under {@code STATE/fix/} (so that a restarted publisher answers resend requests
 * with what it sent before), and the {@link SubscriptionPoller} on a thread of its own. The store directory
 * has one owner ({@link OwnerLock}): a second publisher on the same state directory is refused at start,
 * since two QuickFIX/J file stores of one session would hand out the same sequence numbers twice.
 *
 * <p>Life cycle: {@link #start} once, {@link #close} once (idempotent); any thread. Closing sends each
 * subscriber the last state the map shows, then logs the sessions out.
 */
public final class FixGateway implements AutoCloseable {
    /** The poller parks this long when idle: 50 us bounds the added latency without a busy core. */
    private static final long POLLER_PARK_NS = 50_000L;

    private final FixGatewayOptions options;
    private final Consumer<String> say;
    private OwnerLock storeOwner;
    private StateView state;
    private SocketAcceptor acceptor;
    private AgentRunner runner;
    private SubscriptionPoller poller;
    private int port;

    /** A publisher with {@code options}; session events go to {@code say}. Nothing runs until {@link #start}. */
    public FixGateway(FixGatewayOptions options, Consumer<String> say) {
        this.options = options;
        this.say = say;
    }

    /**
     * Starts serving; returns this. A port in use, an unusable store directory or one another publisher owns
     * is a TickjournalException (one line).
     */
    public FixGateway start() {
        storeOwner = OwnerLock.acquire(options.storeDir(), "FIX session store");
        try {
            serve();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private void serve() {
        port = probe(options.bind(), options.port());
        state = new StateView(options.state());
        poller = new SubscriptionPoller(state, options.minIntervalMs());
        MarketDataPublisher app = new MarketDataPublisher(state, poller, options.allow());
        SessionSettings settings = settings();
        SessionID template = new SessionID("FIX.4.4", options.senderCompId(), DynamicAcceptorSessionProvider.WILDCARD);
        MessageStoreFactory store = new FileStoreFactory(settings);
        SessionEventLog log = new SessionEventLog(say);
        DefaultMessageFactory messages = new DefaultMessageFactory();
        try {
            acceptor = new SocketAcceptor(app, store, settings, log, messages);
            acceptor.setSessionProvider(new InetSocketAddress(options.bind(), port),
                    new DynamicAcceptorSessionProvider(settings, template, app, store, log, messages));
            acceptor.start();
        } catch (ConfigError | RuntimeError e) {
            acceptor = null; // never started: its stop() would fail
            throw new TickjournalException("fix: cannot listen on " + options.bind() + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        runner = new AgentRunner(new BackoffIdleStrategy(100, 10, POLLER_PARK_NS, POLLER_PARK_NS),
                t -> say.accept("fix: poller error: " + t), null, poller);
        AgentRunner.startOnThread(runner);
    }

    /** The port listened on (the one picked when the options said 0). */
    public int port() {
        return port;
    }

    /** Incremental refreshes sent so far, over all sessions. */
    public long incrementalsSent() {
        return poller == null ? 0 : poller.sent();
    }

    private SessionSettings settings() {
        SessionSettings s = new SessionSettings();
        SessionID template = new SessionID("FIX.4.4", options.senderCompId(), DynamicAcceptorSessionProvider.WILDCARD);
        s.setString("ConnectionType", "acceptor");
        s.setString("FileStorePath", options.storeDir().toString());
        s.setString(template, "BeginString", "FIX.4.4");
        s.setString(template, "SenderCompID", options.senderCompId());
        s.setString(template, "TargetCompID", DynamicAcceptorSessionProvider.WILDCARD);
        s.setString(template, "AcceptorTemplate", "Y");
        s.setString(template, "SocketAcceptAddress", options.bind());
        s.setLong(template, "SocketAcceptPort", port);
        s.setString(template, "NonStopSession", "Y");
        s.setString(template, "UseDataDictionary", "Y");
        s.setString(template, "DataDictionary", "FIX44.xml");
        // Sequence numbers survive a logout and a restart: resend requests are answered from the store.
        s.setString(template, "ResetOnLogon", "N");
        s.setString(template, "ResetOnLogout", "N");
        s.setString(template, "ResetOnDisconnect", "N");
        s.setString(template, "TimeStampPrecision", "MICROS");
        // Nagle would hold small refreshes back for up to 40 ms.
        s.setString(template, "SocketTcpNoDelay", "Y");
        return s;
    }

    /**
     * Binds {@code bind:port} once and lets it go, to fail with one clear line (port in use, no such address)
     * before QuickFIX/J would log a stack trace for it; for port 0, the free port the system picked.
     */
    private static int probe(String bind, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(bind, port));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new TickjournalException("fix: cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (runner != null) {
            runner.close();
            runner = null;
            poller.flush();
        }
        if (acceptor != null) {
            acceptor.stop(true);
            acceptor = null;
        }
        if (state != null) {
            state.close();
            state = null;
        }
        if (storeOwner != null) {
            storeOwner.close();
            storeOwner = null;
        }
    }
}
