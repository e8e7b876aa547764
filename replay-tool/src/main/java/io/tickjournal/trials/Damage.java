package io.tickjournal.trials;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The kinds of damage a trial applies, each in its own region of the journal's files, and how one
 * is drawn from a seeded random source. A changed byte always differs from the clean one.
 */
enum Damage {
    /** One byte of the cycle file's Chronicle header (offsets 0..199). */
    CYCLE_HEADER,
    /** One byte of Chronicle's index-to-index document. */
    INDEX2INDEX,
    /** One byte of an index array document. */
    INDEX_ARRAY,
    /** One byte of a data document's 4-byte header word. */
    DOCUMENT_HEADER,
    /** One byte of a record's 28-byte capture header (CRC, kind, version, lengths, times, sequence, source). */
    RECORD_HEADER,
    /** One byte of an ITCH payload. */
    PAYLOAD,
    /** One byte in the zero padding after the written end. */
    AFTER_END,
    /** One byte of metadata.cq4t's written part. */
    TABLE_STORE,
    /** A run of 2..64 random bytes anywhere in the written part of the cycle file. */
    BYTE_RUN,
    /** The not-complete bit (0x80 of the top byte) of one record's header word. */
    NOT_COMPLETE_BIT,
    /** The cycle file truncated at a random offset up to 64 KiB past the written end. */
    TRUNCATE;

    /** Applies one damage of this kind drawn from {@code random}; returns "file@offset detail". */
    String apply(TrialJournal j, SplittableRandom random) throws IOException {
        return switch (this) {
            case CYCLE_HEADER -> change(j.cycleFile, random.nextLong(0, 200), j, random);
            case INDEX2INDEX -> change(j.cycleFile, inDocument(j, j.metadata.get(1), random), j, random);
            case INDEX_ARRAY -> change(j.cycleFile, inDocument(j, j.metadata.get(2), random), j, random);
            case DOCUMENT_HEADER -> change(j.cycleFile, document(j, random) + random.nextInt(4), j, random);
            case RECORD_HEADER -> change(j.cycleFile, document(j, random) + 4 + random.nextInt(28), j, random);
            case PAYLOAD -> {
                long p = document(j, random);
                yield change(j.cycleFile, p + 32 + random.nextInt(Math.max(1, j.length(p) - 28)), j, random);
            }
            case AFTER_END -> change(j.cycleFile, j.end + random.nextLong(0, Math.min(1 << 20, j.cycleSize - j.end)),
                    j, random);
            case TABLE_STORE -> change(j.tableStore, random.nextLong(0, lastNonZero(j.table) + 1), j, random);
            case BYTE_RUN -> run(j, random);
            case NOT_COMPLETE_BIT -> {
                long p = document(j, random);
                write(j.cycleFile, p + 3, (byte) (j.written[(int) p + 3] | 0x80));
                yield "cycle@" + p + " not-complete bit";
            }
            case TRUNCATE -> {
                long size = random.nextLong(0, j.end + 65_536);
                try (RandomAccessFile f = new RandomAccessFile(j.cycleFile.toFile(), "rw")) {
                    f.setLength(size);
                }
                yield "cycle truncated to " + size;
            }
        };
    }

    private static long document(TrialJournal j, SplittableRandom random) {
        return j.data.get(random.nextInt(j.data.size()));
    }

    private static long inDocument(TrialJournal j, long p, SplittableRandom random) {
        int h = (j.written[(int) p] & 0xFF) | (j.written[(int) p + 1] & 0xFF) << 8
                | (j.written[(int) p + 2] & 0xFF) << 16;
        return p + random.nextLong(0, 4 + h);
    }

    private static String change(Path file, long at, TrialJournal j, SplittableRandom random) throws IOException {
        byte[] clean = file.equals(j.tableStore) ? j.table : j.written;
        int old = at < clean.length ? clean[(int) at] & 0xFF : 0;
        int now = (old + 1 + random.nextInt(255)) & 0xFF;
        write(file, at, (byte) now);
        return (file.equals(j.tableStore) ? "table@" : "cycle@") + at + String.format(" 0x%02X->0x%02X", old, now);
    }

    private static String run(TrialJournal j, SplittableRandom random) throws IOException {
        int length = 2 + random.nextInt(63);
        long at = random.nextLong(0, j.end - length);
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        try (RandomAccessFile f = new RandomAccessFile(j.cycleFile.toFile(), "rw")) {
            f.seek(at);
            f.write(bytes);
        }
        return "cycle@" + at + " run of " + length;
    }

    private static void write(Path file, long at, byte value) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(value);
        }
    }

    private static int lastNonZero(byte[] b) {
        int i = b.length - 1;
        while (i > 0 && b[i] == 0) {
            i--;
        }
        return i;
    }
}
