package io.tickjournal.fix;

import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDUpdateAction;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntries;
import quickfix.field.Symbol;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * What a subscriber knows: per symbol, per MDEntryType, "px/size" as last received. Snapshots replace a
 * symbol's entries; incremental refreshes apply new/change/delete. Also keeps every message received.
 */
final class QuoteModel implements MarketDataClient.Listener {
    final Map<String, Map<Character, String>> quotes = new ConcurrentHashMap<>();
    final List<Message> received = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(Message m, long receivedNs) throws FieldNotFound {
        received.add(m);
        String type = m.getHeader().getString(MsgType.FIELD);
        if (MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH.equals(type)) {
            Map<Character, String> q = new TreeMap<>();
            for (Group g : m.getGroups(NoMDEntries.FIELD)) {
                q.put(g.getChar(MDEntryType.FIELD), value(g));
            }
            quotes.put(m.getString(Symbol.FIELD), q);
        } else if (MsgType.MARKET_DATA_INCREMENTAL_REFRESH.equals(type)) {
            for (Group g : m.getGroups(NoMDEntries.FIELD)) {
                Map<Character, String> q = quotes.computeIfAbsent(g.getString(Symbol.FIELD), k -> new TreeMap<>());
                if (g.getChar(MDUpdateAction.FIELD) == MDUpdateAction.DELETE) {
                    q.remove(g.getChar(MDEntryType.FIELD));
                } else {
                    q.put(g.getChar(MDEntryType.FIELD), value(g));
                }
            }
        }
    }

    /** The messages received of type {@code msgType}. */
    List<Message> ofType(String msgType) {
        return received.stream().filter(m -> {
            try {
                return msgType.equals(m.getHeader().getString(MsgType.FIELD));
            } catch (FieldNotFound e) {
                return false;
            }
        }).toList();
    }

    private static String value(Group g) throws FieldNotFound {
        String px = g.isSetField(MDEntryPx.FIELD) ? g.getString(MDEntryPx.FIELD) : "";
        String size = g.isSetField(MDEntrySize.FIELD) ? g.getString(MDEntrySize.FIELD) : "";
        return px + "/" + size;
    }

    /** The entries a subscriber should hold for the state {@code r}, in the same form. */
    static Map<Character, String> expected(io.tickjournal.state.SymbolStateRecord r) {
        Map<Character, String> q = new TreeMap<>();
        if (r.bidSize != 0) {
            q.put('0', MarketDataMessages.price(r.bidPrice) + "/" + r.bidSize);
        }
        if (r.askSize != 0) {
            q.put('1', MarketDataMessages.price(r.askPrice) + "/" + r.askSize);
        }
        if (r.trades != 0) {
            q.put('2', MarketDataMessages.price(r.lastPrice) + "/");
        }
        if (r.volume != 0) {
            q.put('9', MarketDataMessages.vwap(r.notional, r.volume) + "/");
        }
        q.put('B', "/" + r.volume);
        return q;
    }
}
