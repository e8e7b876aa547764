package io.tickjournal.engine;

import io.tickjournal.TickjournalException;
import io.tickjournal.state.StateDirectory;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * A tailer's checkpoint: the whole {@link MarketEngine} state after a given journal record, so
 * that a restarted tailer continues from there instead of replaying the journal from its start.
 *
 * <p>File layout (big-endian), {@code STATE/checkpoint.bin}:
 * <pre>
 *   long  magic "TJCKPT01"
 *   int   version (2; version 1, before sections, is refused: the caller rebuilds from the journal)
 *   long  bar window, ns
 *   long  journal index of the last record applied (-1: none yet)
 *   int   that record's CRC32C field, as stored (identifies the record: a checkpoint taken over
 *         another journal does not match it)
 *   long  journal records consumed up to and including it
 *   long  wall time written, epoch ms
 *   ...   {@link MarketEngine#writeSnapshot the engine state}: one {@link SnapshotSections section}
 *         per component (ENGN, BOOK, VWAP), each with its own type, version and length
 *   long  CRC32C of every byte before it
 * </pre>
 * Written to a temporary file, forced to disk and renamed over the previous one, so a crash at
 * any moment leaves either the old checkpoint or the new one, never a torn one; a file that fails
 * any check is refused with the reason, and the caller rebuilds from the journal instead.
 */
public final class Checkpoint {
    public static final String FILE = StateDirectory.CHECKPOINT_FILE;
    public static final String TEMP_FILE = StateDirectory.CHECKPOINT_TEMP_FILE;
    private static final long MAGIC = 0x544A434B50543031L; // "TJCKPT01"
    private static final int VERSION = 2;
    private static final int HEADER = 8 + 4 + 8 + 8 + 4 + 8 + 8;

    private final Path file;
    private final long windowNanos;
    private final long lastIndex;
    private final int lastCrc;
    private final long records;
    private final long writtenEpochMs;
    private final ByteBuffer engineState;

    private Checkpoint(Path file, long windowNanos, long lastIndex, int lastCrc, long records, long writtenEpochMs,
                       ByteBuffer engineState) {
        this.file = file;
        this.windowNanos = windowNanos;
        this.lastIndex = lastIndex;
        this.lastCrc = lastCrc;
        this.records = records;
        this.writtenEpochMs = writtenEpochMs;
        this.engineState = engineState;
    }

    /**
     * Writes a checkpoint of {@code engine} (whose changed symbols the caller has written to the
     * map) after the journal record at {@code lastIndex}, atomically replacing {@code dir/checkpoint.bin}.
     *
     * @return the size of the file written, bytes
     */
    public static long write(Path dir, long lastIndex, int lastCrc, long records, MarketEngine engine) {
        Path temp = dir.resolve(TEMP_FILE);
        Path target = dir.resolve(FILE);
        try {
            CRC32C crc = new CRC32C();
            long size;
            try (FileOutputStream file = new FileOutputStream(temp.toFile())) {
                CheckedOutputStream checked = new CheckedOutputStream(file, crc);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 20));
                out.writeLong(MAGIC);
                out.writeInt(VERSION);
                out.writeLong(engine.vwap().windowNanos());
                out.writeLong(lastIndex);
                out.writeInt(lastCrc);
                out.writeLong(records);
                out.writeLong(System.currentTimeMillis());
                engine.writeSnapshot(out);
                out.flush();
                // the trailer goes around the checksummed stream: the checksum covers what precedes it
                new DataOutputStream(file).writeLong(crc.getValue());
                file.getFD().sync();
                size = out.size() + 8L;
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return size;
        } catch (IOException e) {
            throw TickjournalException.io(temp.toString(), e);
        }
    }

    /**
     * Reads and checks {@code dir/checkpoint.bin}.
     *
     * @return null when there is no checkpoint file
     * @throws TickjournalException naming the file and what is wrong with it
     */
    public static Checkpoint read(Path dir) {
        Path path = dir.resolve(FILE);
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER + 8) {
                throw new TickjournalException(path + ": checkpoint of " + size + " bytes is too short");
            }
            if (size > Integer.MAX_VALUE) {
                throw new TickjournalException(path + ": checkpoint of " + size + " bytes is larger than 2 GiB");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            CRC32C crc = new CRC32C();
            crc.update(map.duplicate().limit((int) size - 8));
            long stored = map.getLong((int) size - 8);
            if (stored != crc.getValue()) {
                throw new TickjournalException(path + ": checkpoint checksum fails (stored " + Long.toHexString(stored)
                        + ", computed " + Long.toHexString(crc.getValue()) + ")");
            }
            ByteBuffer in = map.duplicate().limit((int) size - 8);
            if (in.getLong() != MAGIC) {
                throw new TickjournalException(path + ": not a tickjournal checkpoint (bad magic)");
            }
            int version = in.getInt();
            if (version != VERSION) {
                throw new TickjournalException(path + ": checkpoint version " + version
                        + (version == 1 ? " (one engine state, no sections)" : "") + ", this build reads " + VERSION);
            }
            Checkpoint c = new Checkpoint(path, in.getLong(), in.getLong(), in.getInt(), in.getLong(), in.getLong(),
                    in.slice());
            try {
                SnapshotSections.check(c.engineState, MarketEngine.SNAPSHOT_SECTIONS);
            } catch (TickjournalException e) {
                throw new TickjournalException(path + ": checkpoint " + e.getMessage(), e);
            }
            return c;
        } catch (IOException e) {
            throw TickjournalException.io(path.toString(), e);
        }
    }

    /** Restores the engine state into {@code engine}, which must be new and have this checkpoint's window. */
    public void restoreInto(MarketEngine engine) {
        if (engine.vwap().windowNanos() != windowNanos) {
            throw new TickjournalException(file + ": checkpoint bar window " + windowNanos / 1_000_000
                    + " ms, asked for "
                    + engine.vwap().windowNanos() / 1_000_000 + " ms");
        }
        ByteBuffer in = engineState.duplicate();
        try {
            engine.readSnapshot(in);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new TickjournalException(file + ": checkpoint engine state is inconsistent: " + e, e);
        } catch (TickjournalException e) {
            throw new TickjournalException(file + ": checkpoint " + e.getMessage(), e);
        }
        if (in.hasRemaining()) {
            throw new TickjournalException(file + ": checkpoint has " + in.remaining()
                    + " bytes after the engine state");
        }
    }

    /** The bar window of the engine state, ns. */
    public long windowNanos() {
        return windowNanos;
    }

    /** Journal index of the last record applied, -1 for none. */
    public long lastIndex() {
        return lastIndex;
    }

    /** The CRC32C field of that record, as stored in the journal. */
    public int lastCrc() {
        return lastCrc;
    }

    /** Journal records consumed up to and including the last one. */
    public long records() {
        return records;
    }

    /** When the checkpoint was written, epoch ms. */
    public long writtenEpochMs() {
        return writtenEpochMs;
    }

    /** The checkpoint file read. */
    public Path file() {
        return file;
    }
}
