package io.tickjournal.verify;

import io.tickjournal.journal.Journal;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The feed sequences journaled per source id and session name (the description of the session
 * start before them, e.g. "file:day.itch" or "mold:SESSION1"), as runs of consecutive sequences at
 * consecutive journal indexes: what a resumed import continues after ({@link #last(long, String)})
 * and what {@code verify} holds each message against (a sequence journaled twice for one source in
 * sessions of one name is a problem, named with the index it was first journaled at). Two files of
 * different names under one source id are two feeds, each numbered from 1.
 *
 * <p>A run is {@code startSequence -> {endSequence, startIndex}}; a day imported whole is one run,
 * a capture with gaps a few, so the memory is small whatever the journal's size. Single-threaded.
 */
public final class FeedSequences {
    private static final int HEADER = 28;

    /** Per source: the key of its current session, "SOURCE/DESCRIPTION" (made once per session start). */
    private final Map<Long, String> current = new HashMap<>();
    /** Per key: runs by first sequence. */
    private final Map<String, TreeMap<Long, long[]>> runs = new HashMap<>();
    /** Per key: {last sequence, last index, run start sequence} of the message last added. */
    private final Map<String, long[]> tail = new HashMap<>();
    /** Per key: {messages, highest sequence}. */
    private final Map<String, long[]> totals = new HashMap<>();
    private long duplicates;

    /**
     * Records one message; returns the index its feed sequence was first journaled at when it
     * was journaled before (a duplicate, not recorded again), otherwise -1.
     */
    public long add(long source, long sequence, long index) {
        String key = current.computeIfAbsent(source, s -> key(s, ""));
        long[] t = tail.get(key);
        TreeMap<Long, long[]> r = runs.computeIfAbsent(key, k -> new TreeMap<>());
        long[] total = totals.computeIfAbsent(key, k -> new long[]{0, Long.MIN_VALUE});
        if (t != null && sequence == t[0] + 1 && index == t[1] + 1 && sequence > total[1]) {
            r.get(t[2])[0] = sequence; // the common case: the run goes on
            t[0] = sequence;
            t[1] = index;
        } else {
            Map.Entry<Long, long[]> e = r.floorEntry(sequence);
            if (e != null && sequence <= e.getValue()[0]) {
                duplicates++;
                return e.getValue()[1] + (sequence - e.getKey());
            }
            r.put(sequence, new long[]{sequence, index});
            tail.put(key, new long[]{sequence, index, sequence});
        }
        total[0]++;
        total[1] = Math.max(total[1], sequence);
        return -1;
    }

    /** A session of {@code source} starts: the messages after it belong to sessions named {@code description}. */
    public void session(long source, String description) {
        current.put(source, key(source, description));
    }

    /** The highest feed sequence journaled for {@code source} in sessions named {@code description}; 0 for none. */
    public long last(long source, String description) {
        long[] t = totals.get(key(source, description));
        return t == null ? 0 : t[1];
    }

    /** Messages of {@code source} in sessions named {@code description} (duplicates not counted). */
    public long messages(long source, String description) {
        long[] t = totals.get(key(source, description));
        return t == null ? 0 : t[0];
    }

    private static String key(long source, String description) {
        return source + "/" + description;
    }

    /** Messages found to repeat a feed sequence already journaled for their source. */
    public long duplicates() {
        return duplicates;
    }

    /**
     * Reads the journal at {@code dir} (by docs/journal-format.md, as verify does): every message
     * record whose CRC32C holds. A missing or empty journal gives an empty result.
     */
    /** The description of a session start record ({@code doc} as the walk gives it): its ASCII payload. */
    static String description(ByteBuffer doc) {
        byte[] text = new byte[doc.getShort(6) & 0xFFFF];
        doc.get(HEADER, text);
        return new String(text, java.nio.charset.StandardCharsets.US_ASCII);
    }

    public static FeedSequences scan(Path dir) {
        FeedSequences s = new FeedSequences();
        if (!Files.isDirectory(dir) || !Journal.hasCycleFiles(dir)) {
            return s;
        }
        CRC32C crc = new CRC32C();
        JournalWalker.walk(dir, new JournalWalker.Visitor() {
            @Override
            public void onRecord(Path file, long offset, long index, int length, ByteBuffer doc) {
                byte kind = length < HEADER ? 0 : doc.get(4);
                if ((kind != 'M' && kind != 'S') || HEADER + (doc.getShort(6) & 0xFFFF) != length) {
                    return;
                }
                crc.reset();
                crc.update(doc.duplicate().position(4).limit(length));
                if ((int) crc.getValue() != doc.getInt(0)) {
                    return;
                }
                long source = doc.getInt(24) & 0xFFFF_FFFFL;
                if (kind == 'S') {
                    s.session(source, description(doc));
                } else {
                    s.add(source, doc.getLong(16), index);
                }
            }

            @Override
            public void onIncomplete(Path file, long offset, String why) {
                // the end of what is written: a resumed import appends after it
            }
        });
        return s;
    }
}
