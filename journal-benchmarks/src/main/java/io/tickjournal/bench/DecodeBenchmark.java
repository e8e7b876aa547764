package io.tickjournal.bench;

import io.tickjournal.itch.*;
import net.openhft.chronicle.bytes.Bytes;
import org.openjdk.jmh.annotations.*;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Decode one ITCH message of each type: validate (type and spec length), dispatch to the
 * type's flyweight decoder, read every field the engine reads. Bytes from {@link ItchEncoder},
 * off-heap as in a mapped journal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class DecodeBenchmark {
    /**
     * S system event, A add, F add MPID, E executed, C executed with price, X cancel, D delete, U replace, P trade, Q
     * cross, B broken.
     */
    @Param({"S", "A", "F", "E", "C", "X", "D", "U", "P", "Q", "B"})
    public String type;

    private Bytes<?> bytes;
    private int length;
    private ItchDispatcher dispatcher;
    private final FieldReader reader = new FieldReader();

    @Setup
    public void setup() {
        ByteBuffer b = ByteBuffer.allocate(64);
        long ts = 34_200_000_000_000L;
        switch (type) {
            case "S": length = ItchEncoder.systemEvent(b, 0, 0, ts, (byte)'Q'); break;
            case "A": length = ItchEncoder.addOrder(b, 7, 1, ts, 123_456_789L, (byte)'B', 100, "AAPL",
                    1_234_500); break;
            case "F": length = ItchEncoder.addOrderMpid(b, 7, 1, ts, 123_456_789L, (byte)'S', 100, "AAPL", 1_234_500,
                    "GSCO"); break;
            case "E": length = ItchEncoder.orderExecuted(b, 7, 1, ts, 123_456_789L, 40, 99_000_001L); break;
            case "C": length = ItchEncoder.orderExecutedWithPrice(b, 7, 1, ts, 123_456_789L, 40, 99_000_001L, (byte)'Y',
                    1_234_600); break;
            case "X": length = ItchEncoder.orderCancel(b, 7, 1, ts, 123_456_789L, 10); break;
            case "D": length = ItchEncoder.orderDelete(b, 7, 1, ts, 123_456_789L); break;
            case "U": length = ItchEncoder.orderReplace(b, 7, 1, ts, 123_456_789L, 123_456_790L, 200, 1_234_400); break;
            case "P": length = ItchEncoder.trade(b, 7, 1, ts, 0, (byte)'B', 300, "AAPL", 1_234_500, 99_000_002L); break;
            case "Q": length = ItchEncoder.crossTrade(b, 7, 1, ts, 5_000_000_000L, "AAPL", 1_234_500, 99_000_003L,
                    (byte)'O'); break;
            case "B": length = ItchEncoder.brokenTrade(b, 7, 1, ts, 99_000_001L); break;
            default: throw new IllegalArgumentException(type);
        }
        bytes = Bytes.allocateDirect(64);
        bytes.write(b.array(), 0, length);
        dispatcher = new ItchDispatcher(reader);
    }

    @TearDown
    public void tearDown() {
        bytes.releaseLast();
    }

    @Benchmark
    public long decode() {
        if (dispatcher.dispatch(bytes, 0, length) != ItchDispatcher.OK) {
            throw new IllegalStateException("bad message " + type);
        }
        return reader.sink;
    }

    /** Reads the fields the engine uses; the sum keeps the reads alive. */
    static final class FieldReader implements ItchListener {
        long sink;

        @Override public void onSystemEvent(SystemEventDecoder m) {
            sink += m.timestamp() + m.eventCode();
        }

        @Override public void onAddOrder(AddOrderDecoder m) {
            sink += m.stockLocate() + m.timestamp() + m.orderReferenceNumber() + m.buySellIndicator() + m.shares()
                    + m.price() + m.stock();
        }

        @Override public void onAddOrderMpid(AddOrderMpidDecoder m) {
            onAddOrder(m);
        }

        @Override public void onOrderExecuted(OrderExecutedDecoder m) {
            sink += m.stockLocate() + m.timestamp() + m.orderReferenceNumber() + m.executedShares() + m.matchNumber();
        }

        @Override public void onOrderExecutedWithPrice(OrderExecutedWithPriceDecoder m) {
            onOrderExecuted(m);
            sink += m.printable() + m.executionPrice();
        }

        @Override public void onOrderCancel(OrderCancelDecoder m) {
            sink += m.stockLocate() + m.timestamp() + m.orderReferenceNumber() + m.cancelledShares();
        }

        @Override public void onOrderDelete(OrderDeleteDecoder m) {
            sink += m.stockLocate() + m.timestamp() + m.orderReferenceNumber();
        }

        @Override public void onOrderReplace(OrderReplaceDecoder m) {
            sink += m.stockLocate() + m.timestamp() + m.originalOrderReferenceNumber() + m.newOrderReferenceNumber()
                    + m.shares() + m.price();
        }

        @Override public void onTrade(TradeDecoder m) {
            sink += m.stockLocate() + m.timestamp() + m.shares() + m.price() + m.matchNumber() + m.stock();
        }

        @Override public void onCrossTrade(CrossTradeDecoder m) {
            sink += m.stockLocate() + m.timestamp() + m.shares() + m.crossPrice() + m.matchNumber() + m.crossType();
        }

        @Override public void onBrokenTrade(BrokenTradeDecoder m) {
            sink += m.stockLocate() + m.timestamp() + m.matchNumber();
        }
    }
}
