package io.tickjournal.fix;

import io.tickjournal.TickjournalException;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.MessageStoreFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MarketDepth;
import quickfix.field.MsgType;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.fix44.MarketDataRequest;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A FIX 4.4 market-data subscriber on a QuickFIX/J socket initiator: the client side used by the tests and by
 * {@link FixBench}, and an example of what a desk's client does (docs/fix.md has the settings file).
 *
 * <p>Received application messages (35=W, X, Y, j) go to the listener on QuickFIX/J's initiator thread,
 * stamped with {@code System.nanoTime()} on arrival; Logout texts and session-level Rejects are kept.
 */
public final class MarketDataClient implements Application, AutoCloseable {
    /** Receives each application message; called on the initiator thread. */
    public interface Listener {
        /** {@code receivedNs} is System.nanoTime() when QuickFIX/J handed the message over. */
        void onMessage(Message message, long receivedNs) throws FieldNotFound;
    }

    private static final char[] ENTRY_TYPES = {MDEntryType.BID, MDEntryType.OFFER, MDEntryType.TRADE,
        MDEntryType.TRADING_SESSION_VWAP_PRICE, MDEntryType.TRADE_VOLUME};

    private final SessionID sessionId;
    private final SessionSettings settings = new SessionSettings();
    private final Listener listener;
    private final Path storeDir;
    private final List<String> logoutTexts = new CopyOnWriteArrayList<>();
    private final List<Message> sessionRejects = new CopyOnWriteArrayList<>();
    private final Consumer<String> say;
    private SocketInitiator initiator;

    /**
     * A client of the publisher at {@code host:port} logging on as {@code senderCompId} to
     * {@code targetCompId}; {@code storeDir} keeps its sequence numbers across restarts (null: in memory).
     */
    public MarketDataClient(String host, int port, String senderCompId, String targetCompId, Path storeDir,
                            Listener listener, Consumer<String> say) {
        this.sessionId = new SessionID("FIX.4.4", senderCompId, targetCompId);
        this.listener = listener;
        this.storeDir = storeDir;
        this.say = say;
        settings.setString("ConnectionType", "initiator");
        settings.setString(sessionId, "BeginString", "FIX.4.4");
        settings.setString(sessionId, "SenderCompID", senderCompId);
        settings.setString(sessionId, "TargetCompID", targetCompId);
        settings.setString(sessionId, "SocketConnectHost", host);
        settings.setLong(sessionId, "SocketConnectPort", port);
        settings.setLong(sessionId, "HeartBtInt", 30);
        settings.setLong(sessionId, "ReconnectInterval", 1);
        settings.setString(sessionId, "NonStopSession", "Y");
        settings.setString(sessionId, "UseDataDictionary", "Y");
        settings.setString(sessionId, "DataDictionary", "FIX44.xml");
        settings.setString(sessionId, "SocketTcpNoDelay", "Y");
        if (storeDir != null) {
            settings.setString(sessionId, "FileStorePath", storeDir.toString());
        }
    }

    /** Connects (and reconnects every second while disconnected); returns this. */
    public MarketDataClient start() {
        MessageStoreFactory store = storeDir == null ? new MemoryStoreFactory() : new FileStoreFactory(settings);
        try {
            initiator = new SocketInitiator(this, store, settings, new SessionEventLog(say),
                    new DefaultMessageFactory());
            initiator.start();
        } catch (ConfigError e) {
            throw new TickjournalException("fix client: " + e.getMessage(), e);
        }
        return this;
    }

    /** Waits up to {@code timeoutMs} for the session to be logged on. */
    public boolean awaitLoggedOn(long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < end) {
            Session s = session();
            if (s != null && s.isLoggedOn()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** The QuickFIX/J session, or null before {@link #start}. */
    public Session session() {
        return Session.lookupSession(sessionId);
    }

    /** The Text (58) of each Logout received, in order. */
    public List<String> logoutTexts() {
        return logoutTexts;
    }

    /** Each session-level Reject (35=3) received, in order. */
    public List<Message> sessionRejects() {
        return sessionRejects;
    }

    /**
     * Sends a MarketDataRequest: {@code type} is 263 ('0' snapshot, '1' snapshot + updates, '2' unsubscribe),
     * {@code mask} the {@link MarketDataMessages} entry bits, MarketDepth 1. False when not sent (not logged on).
     */
    public boolean request(String mdReqId, char type, int mask, String... symbols) {
        MarketDataRequest v = new MarketDataRequest(new MDReqID(mdReqId), new SubscriptionRequestType(type),
                new MarketDepth(1));
        for (char entryType : ENTRY_TYPES) {
            if ((MarketDataMessages.bitOf(entryType) & mask) != 0) {
                MarketDataRequest.NoMDEntryTypes g = new MarketDataRequest.NoMDEntryTypes();
                g.set(new MDEntryType(entryType));
                v.addGroup(g);
            }
        }
        for (String symbol : symbols) {
            MarketDataRequest.NoRelatedSym g = new MarketDataRequest.NoRelatedSym();
            g.set(new Symbol(symbol));
            v.addGroup(g);
        }
        Session s = session();
        return s != null && s.send(v);
    }

    @Override
    public void onCreate(SessionID id) {
        // nothing to prepare
    }

    @Override
    public void onLogon(SessionID id) {
        // awaitLoggedOn polls the session
    }

    @Override
    public void onLogout(SessionID id) {
        // logoutTexts is filled from the Logout message itself
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
        // QuickFIX/J fills the session fields
    }

    @Override
    public void fromAdmin(Message message, SessionID id) throws FieldNotFound {
        String type = message.getHeader().getString(MsgType.FIELD);
        if (MsgType.LOGOUT.equals(type)) {
            logoutTexts.add(message.isSetField(Text.FIELD) ? message.getString(Text.FIELD) : "");
        } else if (MsgType.REJECT.equals(type)) {
            sessionRejects.add(message);
        }
    }

    @Override
    public void toApp(Message message, SessionID id) {
        // sent as built
    }

    @Override
    public void fromApp(Message message, SessionID id) throws FieldNotFound {
        listener.onMessage(message, System.nanoTime());
    }

    @Override
    public synchronized void close() {
        if (initiator != null) {
            initiator.stop(true);
            initiator = null;
        }
    }
}
