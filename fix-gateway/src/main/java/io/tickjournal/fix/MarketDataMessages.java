package io.tickjournal.fix;

import io.tickjournal.state.SymbolStateRecord;
import quickfix.Group;
import quickfix.Message;
import quickfix.UtcTimestampPrecision;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateAction;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.fix44.MarketDataIncrementalRefresh;
import quickfix.fix44.MarketDataRequestReject;
import quickfix.fix44.MarketDataSnapshotFullRefresh;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalTime;

/**
 * The one mapping from a symbol's state record to FIX 4.4 MDEntries, for snapshots (35=W), incremental
 * refreshes (35=X) and rejects (35=Y).
 *
 * <p>Entry types, as a bit mask of those a request asked for: 0 bid and 1 offer (MDEntryPx = the ITCH price /
 * 10^4, MDEntrySize = shares at that price; omitted while the side is empty), 2 trade (the last counted
 * trade's price and, as MDEntrySize, its shares: the state map's last_size; omitted before the first trade),
 * 9 trading-session VWAP (the {@code vwap} CSV value, six decimals half-even; omitted while the volume is 0),
 * B trade volume (MDEntrySize = the session's shares). Every entry carries MDEntryTime (273): the ITCH time
 * of the last message applied to the symbol, nanoseconds.
 *
 * <p>Stateless; any thread. QuickFIX/J messages are objects with maps of fields, so building one allocates;
 * that is the engine's cost, paid once per message sent, never per ITCH message.
 */
public final class MarketDataMessages {
    /** Bid (269=0). */
    public static final int BID = 1;
    /** Offer (269=1). */
    public static final int OFFER = 1 << 1;
    /** Trade (269=2). */
    public static final int TRADE = 1 << 2;
    /** Trading session VWAP price (269=9). */
    public static final int VWAP = 1 << 3;
    /** Trade volume (269=B). */
    public static final int VOLUME = 1 << 4;
    /** Every entry type served. */
    public static final int ALL = BID | OFFER | TRADE | VWAP | VOLUME;

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final BigDecimal PRICE_UNITS = BigDecimal.valueOf(10_000);

    private MarketDataMessages() {
    }

    /** The mask bit of MDEntryType {@code type}, or 0 when it is not one served. */
    public static int bitOf(char type) {
        return switch (type) {
            case MDEntryType.BID -> BID;
            case MDEntryType.OFFER -> OFFER;
            case MDEntryType.TRADE -> TRADE;
            case MDEntryType.TRADING_SESSION_VWAP_PRICE -> VWAP;
            case MDEntryType.TRADE_VOLUME -> VOLUME;
            default -> 0;
        };
    }

    /** A MarketDataSnapshotFullRefresh of {@code r} with the entries of {@code mask}. */
    public static Message snapshot(String mdReqId, String symbol, SymbolStateRecord r, int mask) {
        MarketDataSnapshotFullRefresh w = new MarketDataSnapshotFullRefresh();
        w.set(new MDReqID(mdReqId));
        w.set(new Symbol(symbol));
        if ((mask & BID) != 0 && r.bidSize != 0) {
            w.addGroup(entry(new MarketDataSnapshotFullRefresh.NoMDEntries(), MDEntryType.BID, r.bidPrice, r.bidSize,
                    r));
        }
        if ((mask & OFFER) != 0 && r.askSize != 0) {
            w.addGroup(entry(new MarketDataSnapshotFullRefresh.NoMDEntries(), MDEntryType.OFFER, r.askPrice, r.askSize,
                    r));
        }
        if ((mask & TRADE) != 0 && r.trades != 0) {
            w.addGroup(entry(new MarketDataSnapshotFullRefresh.NoMDEntries(), MDEntryType.TRADE, r.lastPrice,
                    r.lastSize, r));
        }
        if ((mask & VWAP) != 0 && r.volume != 0) {
            w.addGroup(vwapEntry(new MarketDataSnapshotFullRefresh.NoMDEntries(), r));
        }
        if ((mask & VOLUME) != 0) {
            w.addGroup(entry(new MarketDataSnapshotFullRefresh.NoMDEntries(), MDEntryType.TRADE_VOLUME, 0, r.volume,
                    r));
        }
        return w;
    }

    /**
     * A MarketDataIncrementalRefresh taking a subscriber from {@code sent} (what it last received) to
     * {@code now}, or null when nothing it asked for changed. Bid, offer, VWAP: new when the entry appears,
     * change when it moves, delete when it goes (side emptied; volume back to 0 after broken trades).
     * Trade: new for each newer trade count, change when a broken trade changes the last price. Volume:
     * change (new the first time).
     */
    public static Message incremental(String mdReqId, String symbol, SymbolStateRecord sent, SymbolStateRecord now,
                                      int mask) {
        MarketDataIncrementalRefresh x = null;
        if ((mask & BID) != 0) {
            x = side(x, mdReqId, symbol, MDEntryType.BID, sent.bidPrice, sent.bidSize, now.bidPrice, now.bidSize, now);
        }
        if ((mask & OFFER) != 0) {
            x = side(x, mdReqId, symbol, MDEntryType.OFFER, sent.askPrice, sent.askSize, now.askPrice, now.askSize,
                    now);
        }
        if ((mask & TRADE) != 0 && now.trades != 0 && (now.trades != sent.trades || now.lastPrice != sent.lastPrice
                || now.lastSize != sent.lastSize)) {
            char action = now.trades > sent.trades ? MDUpdateAction.NEW : MDUpdateAction.CHANGE;
            x = add(x, mdReqId, symbol, action, MDEntryType.TRADE, now.lastPrice, now.lastSize, now);
        }
        if ((mask & VWAP) != 0 && (now.volume != sent.volume || now.notional != sent.notional)) {
            if (now.volume == 0) {
                x = add(x, mdReqId, symbol, MDUpdateAction.DELETE, MDEntryType.TRADING_SESSION_VWAP_PRICE, -1, -1, now);
            } else {
                x = open(x, mdReqId);
                Group g = vwapEntry(new MarketDataIncrementalRefresh.NoMDEntries(), now);
                g.setChar(MDUpdateAction.FIELD, sent.volume == 0 ? MDUpdateAction.NEW : MDUpdateAction.CHANGE);
                g.setString(Symbol.FIELD, symbol);
                x.addGroup(g);
            }
        }
        if ((mask & VOLUME) != 0 && now.volume != sent.volume) {
            x = add(x, mdReqId, symbol, MDUpdateAction.CHANGE, MDEntryType.TRADE_VOLUME, -1, now.volume, now);
        }
        return x;
    }

    /** A MarketDataRequestReject for {@code mdReqId} with reason (281) and text (58). */
    public static Message reject(String mdReqId, char reason, String text) {
        MarketDataRequestReject y = new MarketDataRequestReject(new MDReqID(mdReqId));
        y.set(new MDReqRejReason(reason));
        y.set(new Text(text));
        return y;
    }

    /** An ITCH price (1/10^4 dollars) as a FIX decimal, exact, e.g. 1234500 -> "123.4500". */
    public static String price(long itchPrice) {
        return BigDecimal.valueOf(itchPrice, 4).toPlainString();
    }

    /** notional / volume / 10^4 with six decimals, half-even: the {@code vwap} CSV column. Volume must be > 0. */
    public static String vwap(long notional, long volume) {
        return BigDecimal.valueOf(notional).divide(PRICE_UNITS.multiply(BigDecimal.valueOf(volume)), 6,
                RoundingMode.HALF_EVEN).toPlainString();
    }

    private static MarketDataIncrementalRefresh side(MarketDataIncrementalRefresh x, String mdReqId, String symbol,
                                                     char type, long sentPx, long sentSize, long px, long size,
                                                     SymbolStateRecord now) {
        if (sentPx == px && sentSize == size) {
            return x;
        }
        if (size == 0) {
            return sentSize == 0 ? x : add(x, mdReqId, symbol, MDUpdateAction.DELETE, type, sentPx, -1, now);
        }
        char action = sentSize == 0 ? MDUpdateAction.NEW : MDUpdateAction.CHANGE;
        return add(x, mdReqId, symbol, action, type, px, size, now);
    }

    private static MarketDataIncrementalRefresh add(MarketDataIncrementalRefresh x, String mdReqId, String symbol,
                                                    char action, char type, long px, long size, SymbolStateRecord r) {
        MarketDataIncrementalRefresh m = open(x, mdReqId);
        Group g = entry(new MarketDataIncrementalRefresh.NoMDEntries(), type, px, size, r);
        g.setChar(MDUpdateAction.FIELD, action);
        g.setString(Symbol.FIELD, symbol);
        m.addGroup(g);
        return m;
    }

    private static MarketDataIncrementalRefresh open(MarketDataIncrementalRefresh x, String mdReqId) {
        if (x != null) {
            return x;
        }
        MarketDataIncrementalRefresh m = new MarketDataIncrementalRefresh();
        m.set(new MDReqID(mdReqId));
        return m;
    }

    /** Fills one MDEntry; a negative {@code px} or {@code size} leaves that field out. */
    private static Group entry(Group g, char type, long px, long size, SymbolStateRecord r) {
        g.setChar(MDEntryType.FIELD, type);
        if (px >= 0 && type != MDEntryType.TRADE_VOLUME) {
            g.setString(quickfix.field.MDEntryPx.FIELD, price(px));
        }
        if (size >= 0) {
            g.setString(quickfix.field.MDEntrySize.FIELD, Long.toString(size));
        }
        time(g, r);
        return g;
    }

    private static Group vwapEntry(Group g, SymbolStateRecord r) {
        g.setChar(MDEntryType.FIELD, MDEntryType.TRADING_SESSION_VWAP_PRICE);
        g.setString(quickfix.field.MDEntryPx.FIELD, vwap(r.notional, r.volume));
        time(g, r);
        return g;
    }

    private static void time(Group g, SymbolStateRecord r) {
        if (r.eventTimeNs >= 0 && r.eventTimeNs < NANOS_PER_DAY) {
            g.setUtcTimeOnly(quickfix.field.MDEntryTime.FIELD, LocalTime.ofNanoOfDay(r.eventTimeNs),
                    UtcTimestampPrecision.NANOS);
        }
    }
}
