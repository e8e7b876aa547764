package io.tickjournal.kafka;

/**
 * Which partition of an N-partition topic carries a record: a stock's records all go to partition
 * {@code locate % N}, so one partition holds a symbol's whole history in journal order; records
 * without a locate (locate 0: system events; gaps; session start and end) go to every partition,
 * so that each partition alone is a complete input for the symbols it carries. Immutable.
 */
public final class LocatePartitioner {
    /** {@link #partition} of a record that goes to every partition. */
    public static final int EVERY_PARTITION = -1;

    private final int partitions;

    /** A partitioner for a topic of {@code partitions} partitions (at least 1). */
    public LocatePartitioner(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.partitions = partitions;
    }

    /** The partition of a record with stock locate {@code locate}, or {@link #EVERY_PARTITION} for locate 0. */
    public int partition(int locate) {
        return locate == 0 ? EVERY_PARTITION : locate % partitions;
    }

    /** The topic's partition count. */
    public int partitions() {
        return partitions;
    }
}
