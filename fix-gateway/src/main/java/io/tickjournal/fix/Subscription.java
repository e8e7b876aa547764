package io.tickjournal.fix;

import io.tickjournal.state.SymbolStateRecord;
import quickfix.SessionID;

/**
 * One symbol of one MarketDataRequest with SubscriptionRequestType 1 (snapshot + updates): what the subscriber
 * asked for and the state it last received.
 *
 * <p>Ownership: built and filled (with the snapshot's state) by the acceptor thread before it is published to
 * the {@link SubscriptionPoller}; from then on only the poller thread touches {@link #sent} and
 * {@link #sentAtNs}.
 */
final class Subscription {
    final SessionID session;
    final String mdReqId;
    final String symbol;
    final int locate;
    final int mask;
    /** The state the subscriber has now: the snapshot's, then each incremental refresh's. */
    final SymbolStateRecord sent = new SymbolStateRecord();
    /** System.nanoTime() of the last message sent, for --min-interval-ms. */
    long sentAtNs;

    Subscription(SessionID session, String mdReqId, String symbol, int locate, int mask) {
        this.session = session;
        this.mdReqId = mdReqId;
        this.symbol = symbol;
        this.locate = locate;
        this.mask = mask;
    }
}
