package io.tickjournal.replay;

import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import io.tickjournal.state.SymbolStateSink;
import net.openhft.chronicle.bytes.Bytes;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.util.function.BooleanSupplier;

/**
 * Writes the replay workers' changed symbols to the state map, on a thread of its own: each worker's
 * flush puts its dirty symbols' records into its ring ({@link #sink}) instead of the map, and this
 * agent drains the rings into the {@link StateStore}. The worker's thread then runs the engine and
 * the rings only: Chronicle Map's code, run at every flush (every 10 ms) rather than every message,
 * was still being JIT-compiled on the replay thread after warm-up, and each of those compile requests
 * made strings there (docs/benchmarks.md, "Allocation after warm-up"); its writes also took 2-5 % of
 * the replay thread's time.
 *
 * <p>A record reaches the map shortly after its flush (the time to drain a ring), so the map lags the
 * worker by that much more; paced and latency-measured replays, whose figures end when an effect is
 * in the map, write the map themselves. The rings are bounded ({@link RingProducer}: a worker waits
 * while its ring is full, nothing is dropped). The agent ends once the workers have ({@code
 * workersDone}) and it has drained what they left, so every flushed record is in the map before the
 * replay reports (and computes its digest). Records of different locates commute, and one worker's
 * records of one locate arrive in order, so the map ends as the workers' own writes would leave it.
 */
final class StateWriter implements Agent {
    /** Ring capacity per worker: about 37,000 records, a flush of every symbol of an 8,000-symbol day 4 times over. */
    static final int RING_BYTES = 1 << 22;

    private static final int RECORD = 1;

    private final OneToOneRingBuffer[] rings;
    /** Read views of the rings' memory: a record is read in place, in the map's own value layout. */
    private final Bytes<?>[] views;
    private int current;
    private final StateStore store;
    private final BooleanSupplier workersDone;
    private final SymbolStateRecord record = new SymbolStateRecord();
    private final MessageHandler handler = this::onRecord;
    private long written;

    /** A writer into {@code store} for {@code shards} workers, ending once {@code workersDone} says they have. */
    StateWriter(int shards, StateStore store, BooleanSupplier workersDone) {
        this.rings = new OneToOneRingBuffer[shards];
        this.views = new Bytes<?>[shards];
        for (int i = 0; i < shards; i++) {
            rings[i] = RingProducer.newRing(RING_BYTES);
            views[i] = Bytes.wrapForRead(rings[i].buffer().byteBuffer());
            views[i].singleThreadedCheckDisabled(true); // made here, used on the writer's thread only
        }
        this.store = store;
        this.workersDone = workersDone;
    }

    /** The sink of worker {@code shard}'s flushes; used on that worker's thread only. */
    SymbolStateSink sink(int shard, BooleanSupplier cancelled) {
        return new Sink(new RingProducer(rings[shard], SymbolStateRecord.SIZE, cancelled));
    }

    /** Records written to the map so far. */
    long written() {
        return written;
    }

    /**
     * Drains the rings into the map.
     *
     * @throws AgentTerminationException once every worker has ended and their rings are empty
     */
    @Override
    public int doWork() {
        boolean done = workersDone.getAsBoolean(); // read first: what a worker wrote before it ended is drained below
        int n = 0;
        for (int i = 0; i < rings.length; i++) {
            current = i;
            n += rings[i].read(handler);
        }
        if (done && n == 0) {
            throw new AgentTerminationException();
        }
        return n;
    }

    private void onRecord(int type, DirectBuffer b, int index, int length) {
        Bytes<?> in = views[current];
        in.readPositionRemaining(index, length);
        record.readMarshallable(in);
        store.put(record);
        written++;
    }

    @Override
    public String roleName() {
        return "state";
    }

    /** A worker's side: each record of a flush into its ring, in the map's value layout. */
    private static final class Sink implements SymbolStateSink {
        private final RingProducer ring;
        private final Bytes<?> out;

        Sink(RingProducer ring) {
            this.ring = ring;
            this.out = Bytes.wrapForWrite(ring.scratch().byteBuffer());
            out.singleThreadedCheckDisabled(true); // used on its worker's thread only, which may not be the maker's
        }

        @Override
        public void put(SymbolStateRecord r) {
            out.clear();
            r.writeMarshallable(out);
            ring.put(RECORD, (int) out.writePosition());
        }
    }
}
