/**
 * The FIX 4.4 market-data publisher: a QuickFIX/J acceptor ({@link io.tickjournal.fix.FixGateway}) serving
 * top of book, last trade, session VWAP and volume from a live state directory that a {@code capture} or a
 * {@code replay} keeps current.
 *
 * <p>{@link io.tickjournal.fix.StateView} reads the per-symbol Chronicle Map as {@code tickjournal vwap}
 * does; {@link io.tickjournal.fix.MarketDataPublisher} answers MarketDataRequest (35=V) with snapshots
 * (35=W) and rejects (35=Y); {@link io.tickjournal.fix.SubscriptionPoller} turns state changes into
 * incremental refreshes (35=X); {@link io.tickjournal.fix.MarketDataMessages} is the one place where state
 * fields become MDEntries. The session layer (logon, heartbeats, resend, sequence reset, the file store) is
 * QuickFIX/J's. docs/fix.md is the reference.
 */
package io.tickjournal.fix;
