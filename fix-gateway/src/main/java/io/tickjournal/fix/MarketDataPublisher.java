package io.tickjournal.fix;

import io.tickjournal.state.SymbolStateRecord;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MarketDepth;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntryTypes;
import quickfix.field.NoRelatedSym;
import quickfix.field.SubscriptionRequestType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The QuickFIX/J application of the publisher: admits logons, answers MarketDataRequest (35=V).
 *
 * <ul>
 *   <li>Logon from a SenderCompID not in the allow list: refused; QuickFIX/J sends a Logout (35=5) whose
 *       Text (58) says why, and disconnects.</li>
 *   <li>263=0 snapshot: one MarketDataSnapshotFullRefresh (35=W) per symbol. 263=1: the same, then the
 *       symbols are subscribed ({@link SubscriptionPoller}). 263=2: the subscription under that MDReqID
 *       ends.</li>
 *   <li>Unknown symbol: MarketDataRequestReject (35=Y), MDReqRejReason 0, the symbols in Text; nothing of
 *       the request is served. MarketDepth above 1: 35=Y reason 5 (top of book only). No served MDEntryType:
 *       35=Y reason 8. MDReqID already subscribed: 35=Y reason 1.</li>
 *   <li>Malformed messages (missing or bad tags) are rejected by QuickFIX/J's validation against FIX44.xml
 *       with a session-level Reject (35=3); other message types get a BusinessMessageReject (35=j). The
 *       session stays up.</li>
 * </ul>
 *
 * <p>Thread: QuickFIX/J's acceptor thread calls every method.
 */
public final class MarketDataPublisher implements Application {
    private final StateView state;
    private final SubscriptionPoller poller;
    private final Set<String> allow;
    private final SymbolStateRecord record = new SymbolStateRecord();

    MarketDataPublisher(StateView state, SubscriptionPoller poller, Set<String> allow) {
        this.state = state;
        this.poller = poller;
        this.allow = allow;
    }

    @Override
    public void onCreate(SessionID sessionId) {
        // nothing to prepare per session
    }

    @Override
    public void onLogon(SessionID sessionId) {
        poller.remove(sessionId, null);
    }

    @Override
    public void onLogout(SessionID sessionId) {
        poller.remove(sessionId, null);
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
        // QuickFIX/J fills the session fields
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) throws RejectLogon, FieldNotFound {
        if (!allow.isEmpty() && MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))
                && !allow.contains(sessionId.getTargetCompID())) {
            throw new RejectLogon("SenderCompID " + sessionId.getTargetCompID() + " is not allowed on this publisher");
        }
    }

    @Override
    public void toApp(Message message, SessionID sessionId) {
        // sent as built
    }

    @Override
    public void fromApp(Message message, SessionID sessionId)
            throws FieldNotFound, IncorrectTagValue, UnsupportedMessageType {
        if (!MsgType.MARKET_DATA_REQUEST.equals(message.getHeader().getString(MsgType.FIELD))) {
            throw new UnsupportedMessageType();
        }
        String mdReqId = message.getString(MDReqID.FIELD);
        char type = message.getChar(SubscriptionRequestType.FIELD);
        Session session = Session.lookupSession(sessionId);
        if (type == SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST) {
            poller.remove(sessionId, mdReqId);
            return;
        }
        if (type != SubscriptionRequestType.SNAPSHOT && type != SubscriptionRequestType.SNAPSHOT_UPDATES) {
            throw new IncorrectTagValue(SubscriptionRequestType.FIELD);
        }
        state.recheck(); // a replay may have replaced the map since the poller last looked
        Message reject = check(message, sessionId, mdReqId, type);
        if (reject != null) {
            session.send(reject);
            return;
        }
        int mask = entryMask(message);
        List<Group> symbols = message.getGroups(NoRelatedSym.FIELD);
        for (Group g : symbols) {
            String symbol = g.getString(quickfix.field.Symbol.FIELD);
            int locate = state.locateOf(symbol);
            Subscription s = new Subscription(sessionId, mdReqId, symbol, locate, mask);
            SymbolStateRecord snapshot = type == SubscriptionRequestType.SNAPSHOT ? record : s.sent;
            if (!state.read(locate, snapshot)) {
                snapshot.locate = locate; // the map lost it since the check (replaced): an empty snapshot
            }
            session.send(MarketDataMessages.snapshot(mdReqId, symbol, snapshot, mask));
            if (type == SubscriptionRequestType.SNAPSHOT_UPDATES) {
                s.sentAtNs = System.nanoTime();
                poller.add(s);
            }
        }
    }

    /** The reject the request deserves, or null when it can be served. */
    private Message check(Message message, SessionID sessionId, String mdReqId, char type) throws FieldNotFound {
        if (message.isSetField(MarketDepth.FIELD) && message.getInt(MarketDepth.FIELD) > 1) {
            return MarketDataMessages.reject(mdReqId, MDReqRejReason.UNSUPPORTED_MARKETDEPTH,
                    "MarketDepth " + message.getInt(MarketDepth.FIELD) + ": top of book only (0 or 1)");
        }
        if (entryMask(message) == 0) {
            return MarketDataMessages.reject(mdReqId, MDReqRejReason.UNSUPPORTED_MDENTRYTYPE,
                    "no served MDEntryType requested (served: 0, 1, 2, 9, B)");
        }
        if (type == SubscriptionRequestType.SNAPSHOT_UPDATES && poller.has(sessionId, mdReqId)) {
            return MarketDataMessages.reject(mdReqId, MDReqRejReason.DUPLICATE_MDREQID,
                    "MDReqID " + mdReqId + " is already subscribed");
        }
        List<String> unknown = new ArrayList<>();
        for (Group g : message.getGroups(NoRelatedSym.FIELD)) {
            String symbol = g.getString(quickfix.field.Symbol.FIELD);
            if (state.locateOf(symbol) < 0) {
                unknown.add(symbol);
            }
        }
        if (message.getGroups(NoRelatedSym.FIELD).isEmpty()) {
            return MarketDataMessages.reject(mdReqId, MDReqRejReason.UNKNOWN_SYMBOL, "no Symbol in NoRelatedSym");
        }
        return unknown.isEmpty() ? null : MarketDataMessages.reject(mdReqId, MDReqRejReason.UNKNOWN_SYMBOL,
                "unknown symbol: " + String.join(",", unknown));
    }

    private static int entryMask(Message message) throws FieldNotFound {
        int mask = 0;
        for (Group g : message.getGroups(NoMDEntryTypes.FIELD)) {
            mask |= MarketDataMessages.bitOf(g.getChar(quickfix.field.MDEntryType.FIELD));
        }
        return mask;
    }
}
