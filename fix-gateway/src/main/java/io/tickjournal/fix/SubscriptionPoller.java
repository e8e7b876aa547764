package io.tickjournal.fix;

import io.tickjournal.state.SymbolStateRecord;
import org.agrona.concurrent.Agent;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns state changes into incremental refreshes: each {@link #doWork} reads every subscribed symbol's record
 * from the live map and sends a MarketDataIncrementalRefresh (35=X) to each subscription whose entries
 * changed, at most one per {@code minIntervalNs} per subscription.
 *
 * <p>The map has no change notification, so this polls; a read costs well under a microsecond (Chronicle Map
 * get into a reused record), so 100 subscribed symbols are swept in tens of microseconds. A record whose
 * journal index is below the one last sent is skipped: a subscriber never receives a state older than one it
 * has (a replay rebuilding the map restarts from the beginning of the journal).
 *
 * <p>Thread: one poller thread runs {@link #doWork}; {@link #add} and {@link #remove} may be called from the
 * acceptor thread (copy-on-write list: subscriptions change rarely, sweeps are constant).
 */
final class SubscriptionPoller implements Agent {
    /** How often the map file's identity is checked for a replacement (a stat call; 4 times a second). */
    private static final long RECHECK_INTERVAL_NS = 250_000_000L;

    private final StateView state;
    private final long minIntervalNs;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final SymbolStateRecord now = new SymbolStateRecord();
    private final AtomicLong sent = new AtomicLong();
    private long lastRecheckNs = System.nanoTime();

    SubscriptionPoller(StateView state, long minIntervalMs) {
        this.state = state;
        this.minIntervalNs = minIntervalMs * 1_000_000L;
    }

    /** Publishes {@code s}, whose {@link Subscription#sent} already holds the snapshot sent to it. */
    void add(Subscription s) {
        subscriptions.add(s);
    }

    /** Drops the subscriptions of {@code session} with {@code mdReqId} (every one when null); returns how many. */
    int remove(SessionID session, String mdReqId) {
        int before = subscriptions.size();
        subscriptions.removeIf(s -> s.session.equals(session) && (mdReqId == null || s.mdReqId.equals(mdReqId)));
        return before - subscriptions.size();
    }

    /** True when {@code session} has a live subscription under {@code mdReqId}. */
    boolean has(SessionID session, String mdReqId) {
        for (Subscription s : subscriptions) {
            if (s.session.equals(session) && s.mdReqId.equals(mdReqId)) {
                return true;
            }
        }
        return false;
    }

    /** Incremental refreshes sent so far. */
    long sent() {
        return sent.get();
    }

    @Override
    public int doWork() {
        return sweep(false);
    }

    /**
     * One last sweep when the publisher stops (after the poller thread has ended), ignoring the minimum
     * interval, so that subscribers leave with the final state the map shows.
     */
    int flush() {
        return sweep(true);
    }

    private int sweep(boolean last) {
        long t = System.nanoTime();
        if (t - lastRecheckNs >= RECHECK_INTERVAL_NS) {
            lastRecheckNs = t;
            state.recheck();
        }
        int work = 0;
        for (Subscription s : subscriptions) {
            if (!last && minIntervalNs > 0 && t - s.sentAtNs < minIntervalNs) {
                continue;
            }
            if (!state.read(s.locate, now) || now.journalIndex < s.sent.journalIndex) {
                continue;
            }
            Message x = MarketDataMessages.incremental(s.mdReqId, s.symbol, s.sent, now, s.mask);
            if (x == null) {
                s.sent.journalIndex = now.journalIndex;
                continue;
            }
            Session session = Session.lookupSession(s.session);
            if (session == null || !session.isLoggedOn()) {
                continue; // dropped on logout (MarketDataPublisher.onLogout); this sweep raced it
            }
            session.send(x);
            s.sent.copyFrom(now);
            s.sentAtNs = t;
            sent.incrementAndGet();
            work++;
        }
        return work;
    }

    @Override
    public String roleName() {
        return "fix-poller";
    }
}
