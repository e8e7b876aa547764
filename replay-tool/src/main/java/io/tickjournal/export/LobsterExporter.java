package io.tickjournal.export;

import io.tickjournal.TickjournalException;
import io.tickjournal.book.OrderBooks;
import io.tickjournal.itch.BigEndian;
import io.tickjournal.itch.ItchDispatcher;
import io.tickjournal.itch.ItchLayout;
import io.tickjournal.journal.JournalRecordHandler;
import net.openhft.chronicle.bytes.RandomDataInput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static io.tickjournal.itch.ItchOrderLayout.*;
import static io.tickjournal.itch.ItchTradeLayout.*;

/**
 * {@code export --format lobster}: per symbol a LOBSTER message file and an orderbook file of N
 * levels, in LOBSTER's published conventions (lobsterdata.com, "data structure"):
 *
 * <pre>
 * SYMBOL_DATE_0_86400000_message_N.csv    time,event type,order id,size,price,direction
 * SYMBOL_DATE_0_86400000_orderbook_N.csv  ask price 1,ask size 1,bid price 1,bid size 1,ask price 2,...
 * </pre>
 *
 * Time is seconds after midnight with nine decimals (the ITCH timestamp); prices are dollars x
 * 10000 (the ITCH integer); direction 1 buy, -1 sell (the resting order's side); empty levels are
 * 9999999999 (ask), -9999999999 (bid) with size 0. Event types: 1 add (A, F; and the new order of
 * a U), 2 partial cancel (X), 3 delete (D; and the old order of a U, with its remaining size), 4
 * execution of a visible order (E, C, at the resting order's price), 5 execution of a hidden
 * order (P), 6 cross (Q with shares &gt; 0; order id -1 opening, -2 closing, -3 halt/IPO, -4
 * other cross; direction -1), 7 trading halt (H: price -1 halted or paused, 0 quotation only, 1
 * trading; order id 0, size 0, direction -1). After every message row the orderbook file gets
 * the symbol's book after that event (unchanged for 5, 6 and 7). Events on order references that
 * are not live are counted and not written.
 *
 * <p>The books are a private {@link OrderBooks}, fed with every symbol's orders so that
 * references resolve as in the engine. Thread-confined.
 */
public final class LobsterExporter implements JournalRecordHandler, AutoCloseable {
    static final long EMPTY_ASK_PRICE = 9_999_999_999L;
    static final long EMPTY_BID_PRICE = -9_999_999_999L;
    /** The whole day: LOBSTER names files by the period they cover, in ms after midnight. */
    static final String PERIOD = "0_86400000";

    private final Path out;
    private final String date;
    private final int levels;
    private final Set<String> only;
    private final OrderBooks books = new OrderBooks(1 << 20);
    private final String[] symbols = new String[OrderBooks.MAX_LOCATE + 1];
    private final Writer[] messageFiles = new Writer[OrderBooks.MAX_LOCATE + 1];
    private final Writer[] bookFiles = new Writer[OrderBooks.MAX_LOCATE + 1];
    private final StringBuilder line = new StringBuilder(256);
    private long rows;
    private long unknownOrders;
    private int symbolFiles;

    /**
     * @param date   the trading date for the file names, yyyy-MM-dd
     * @param levels book levels per orderbook row (at least 1)
     * @param only   symbols to export, or an empty set for all
     */
    public LobsterExporter(Path out, String date, int levels, Set<String> only) {
        if (levels < 1) {
            throw new TickjournalException("--levels must be at least 1, got " + levels);
        }
        this.out = out;
        this.date = date;
        this.levels = levels;
        this.only = only;
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw TickjournalException.io(out.toString(), e);
        }
    }

    @Override
    public void onMessage(RandomDataInput b, long o, int length, long index, long receiveTimeNs, long sequence) {
        if (ItchDispatcher.validate(b, o, length) != ItchDispatcher.OK) {
            return;
        }
        long t = BigEndian.u48(b, o + ItchLayout.TIMESTAMP_OFFSET);
        int locate = BigEndian.u16(b, o + ItchLayout.STOCK_LOCATE_OFFSET);
        switch (b.readByte(o)) {
            case 'R' -> symbols[locate] = CsvExporter.text(b, o + ItchLayout.STOCK_DIRECTORY_STOCK_OFFSET, 8);
            case 'A', 'F' -> {
                long ref = BigEndian.i64(b, o + ADD_ORDER_REFERENCE_NUMBER_OFFSET);
                byte side = b.readByte(o + ADD_ORDER_BUY_SELL_INDICATOR_OFFSET);
                long shares = BigEndian.u32(b, o + ADD_ORDER_SHARES_OFFSET);
                long price = BigEndian.u32(b, o + ADD_ORDER_PRICE_OFFSET);
                if (books.add(ref, locate, side, price, shares)) {
                    row(locate, t, 1, Long.toUnsignedString(ref), Long.toString(shares), price, direction(side));
                } else {
                    unknownOrders++;
                }
            }
            case 'E', 'C' -> {
                long ref = BigEndian.i64(b, o + ORDER_EXECUTED_REFERENCE_NUMBER_OFFSET);
                long shares = BigEndian.u32(b, o + ORDER_EXECUTED_EXECUTED_SHARES_OFFSET);
                long price = books.execute(ref, shares);
                if (price == OrderBooks.UNKNOWN) {
                    unknownOrders++;
                } else {
                    row(books.lastLocate(), t, 4, Long.toUnsignedString(ref), Long.toString(shares), price,
                            direction(books.lastSide()));
                }
            }
            case 'X' -> {
                long ref = BigEndian.i64(b, o + ORDER_CANCEL_REFERENCE_NUMBER_OFFSET);
                long shares = BigEndian.u32(b, o + ORDER_CANCEL_CANCELLED_SHARES_OFFSET);
                long price = books.orderPrice(ref);
                if (books.cancel(ref, shares) == OrderBooks.UNKNOWN) {
                    unknownOrders++;
                } else {
                    row(books.lastLocate(), t, 2, Long.toUnsignedString(ref), Long.toString(shares), price,
                            direction(books.lastSide()));
                }
            }
            case 'D' -> delete(BigEndian.i64(b, o + ORDER_DELETE_REFERENCE_NUMBER_OFFSET), t);
            case 'U' -> {
                long oldRef = BigEndian.i64(b, o + ORDER_REPLACE_ORIGINAL_REFERENCE_NUMBER_OFFSET);
                long newRef = BigEndian.i64(b, o + ORDER_REPLACE_NEW_REFERENCE_NUMBER_OFFSET);
                long shares = BigEndian.u32(b, o + ORDER_REPLACE_SHARES_OFFSET);
                long price = BigEndian.u32(b, o + ORDER_REPLACE_PRICE_OFFSET);
                // LOBSTER has no replace: the old order is deleted (3), the new one submitted (1)
                if (delete(oldRef, t)) {
                    int at = books.lastLocate();
                    byte side = books.lastSide();
                    if (books.add(newRef, at, side, price, shares)) {
                        row(at, t, 1, Long.toUnsignedString(newRef), Long.toString(shares), price, direction(side));
                    } else {
                        unknownOrders++;
                    }
                }
            }
            case 'P' -> row(locate, t, 5, Long.toUnsignedString(BigEndian.i64(b, o + TRADE_REFERENCE_NUMBER_OFFSET)),
                    Long.toString(BigEndian.u32(b, o + TRADE_SHARES_OFFSET)), BigEndian.u32(b, o + TRADE_PRICE_OFFSET),
                    direction(b.readByte(o + TRADE_BUY_SELL_INDICATOR_OFFSET)));
            case 'Q' -> {
                long shares = BigEndian.i64(b, o + CROSS_TRADE_SHARES_OFFSET);
                if (shares != 0) {
                    row(locate, t, 6, Integer.toString(crossOrderId(b.readByte(o + CROSS_TRADE_CROSS_TYPE_OFFSET))),
                            Long.toUnsignedString(shares), BigEndian.u32(b, o + CROSS_TRADE_CROSS_PRICE_OFFSET), -1);
                }
            }
            case 'H' -> row(locate, t, 7, "0", "0",
                    haltPrice(b.readByte(o + ItchLayout.STOCK_TRADING_ACTION_TRADING_STATE_OFFSET)), -1);
            default -> {
            }
        }
    }

    private boolean delete(long ref, long t) {
        long price = books.orderPrice(ref);
        long remaining = books.orderShares(ref);
        if (!books.delete(ref)) {
            unknownOrders++;
            return false;
        }
        row(books.lastLocate(), t, 3, Long.toUnsignedString(ref), Long.toString(remaining), price,
                direction(books.lastSide()));
        return true;
    }

    static int direction(byte side) {
        return side == 'S' ? -1 : 1;
    }

    /** LOBSTER's pseudo order ids of crosses: -1 opening, -2 closing, -3 halt/IPO, -4 any other. */
    static int crossOrderId(byte crossType) {
        return switch (crossType) {
            case 'O' -> -1;
            case 'C' -> -2;
            case 'H' -> -3;
            default -> -4;
        };
    }

    /** LOBSTER's type 7 price: -1 halt starts, 0 quoting resumes, 1 trading resumes. */
    static long haltPrice(byte tradingState) {
        return switch (tradingState) {
            case 'T' -> 1;
            case 'Q' -> 0;
            default -> -1;
        };
    }

    private void row(int locate, long t, int type, String id, String size, long price, int direction) {
        String symbol = symbols[locate];
        if (symbol == null || (!only.isEmpty() && !only.contains(symbol))) {
            return;
        }
        StringBuilder sb = line;
        sb.setLength(0);
        sb.append(t / 1_000_000_000L).append('.');
        String frac = Long.toString(t % 1_000_000_000L);
        sb.append("000000000", 0, 9 - frac.length()).append(frac);
        sb.append(',').append(type).append(',').append(id).append(',').append(size).append(',').append(price)
                .append(',').append(direction).append('\n');
        try {
            open(locate, symbol);
            messageFiles[locate].append(sb);
            sb.setLength(0);
            for (int i = 0; i < levels; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                level(sb, locate, (byte) 'S', i, EMPTY_ASK_PRICE);
                sb.append(',');
                level(sb, locate, (byte) 'B', i, EMPTY_BID_PRICE);
            }
            sb.append('\n');
            bookFiles[locate].append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    private void level(StringBuilder sb, int locate, byte side, int i, long empty) {
        if (i < books.depth(locate, side)) {
            sb.append(books.levelPrice(locate, side, i)).append(',').append(books.levelShares(locate, side, i));
        } else {
            sb.append(empty).append(",0");
        }
    }

    private void open(int locate, String symbol) throws IOException {
        if (messageFiles[locate] == null) {
            String base = symbol + "_" + date + "_" + PERIOD + "_";
            messageFiles[locate] = newWriter(out.resolve(base + "message_" + levels + ".csv"));
            bookFiles[locate] = newWriter(out.resolve(base + "orderbook_" + levels + ".csv"));
            symbolFiles++;
        }
    }

    private static Writer newWriter(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 15);
    }

    /** Message rows written (each with its orderbook row). */
    public long rows() {
        return rows;
    }

    /** E, C, X, D, U on references that are not live, and adds of live references: not written. */
    public long unknownOrders() {
        return unknownOrders;
    }

    /** Symbols with files written. */
    public int symbols() {
        return symbolFiles;
    }

    @Override
    public void close() {
        try {
            for (int i = 0; i < messageFiles.length; i++) {
                if (messageFiles[i] != null) {
                    messageFiles[i].close();
                    bookFiles[i].close();
                }
            }
        } catch (IOException e) {
            throw TickjournalException.io(out.toString(), e);
        }
    }
}
