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
 * What a subscriber knows: per symbol, per MDEntryType, "MDEntryPx/MDEntrySize" as last received (either side
 * empty when the entry has no such field). Snapshots (35=W) replace a symbol's entries; incremental refreshes
 * (35=X) apply new, change and delete as FIX 4.4 defines them. Keeps every application message received.
 *
 * <p>A client-side model for tests and examples, not for rates: it keeps every message. Thread: written by the
 * initiator thread, read by any (concurrent collections).
 */
public final class SubscriberView implements MarketDataClient.Listener {
    private final Map<String, Map<Character, String>> quotes = new ConcurrentHashMap<>();
    private final List<Message> received = new CopyOnWriteArrayList<>();

    /** The entries held for {@code symbol}, by MDEntryType; null before its first snapshot. */
    public Map<Character, String> quotes(String symbol) {
        Map<Character, String> q = quotes.get(symbol);
        return q == null ? null : Map.copyOf(q);
    }

    /** Every symbol's entries. */
    public Map<String, Map<Character, String>> quotes() {
        Map<String, Map<Character, String>> all = new TreeMap<>();
        quotes.forEach((k, v) -> all.put(k, Map.copyOf(v)));
        return all;
    }

    @Override
    public synchronized void onMessage(Message m, long receivedNs) throws FieldNotFound {
        received.add(m);
        String type = m.getHeader().getString(MsgType.FIELD);
        if (MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH.equals(type)) {
            Map<Character, String> q = new ConcurrentHashMap<>();
            for (Group g : m.getGroups(NoMDEntries.FIELD)) {
                q.put(g.getChar(MDEntryType.FIELD), value(g));
            }
            quotes.put(m.getString(Symbol.FIELD), q);
        } else if (MsgType.MARKET_DATA_INCREMENTAL_REFRESH.equals(type)) {
            for (Group g : m.getGroups(NoMDEntries.FIELD)) {
                Map<Character, String> q = quotes.computeIfAbsent(g.getString(Symbol.FIELD),
                        k -> new ConcurrentHashMap<>());
                if (g.getChar(MDUpdateAction.FIELD) == MDUpdateAction.DELETE) {
                    q.remove(g.getChar(MDEntryType.FIELD));
                } else {
                    q.put(g.getChar(MDEntryType.FIELD), value(g));
                }
            }
        }
    }

    /** The application messages received of type {@code msgType} (35), in order. */
    public List<Message> ofType(String msgType) {
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
}
