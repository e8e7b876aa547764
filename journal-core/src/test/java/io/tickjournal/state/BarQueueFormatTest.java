package io.tickjournal.state;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bars queue's format: one excerpt per closed window (version 2); version-1 states still read. */
class BarQueueFormatTest {
    @TempDir
    Path tmp;

    private static BarRecord bar(long window, int locate) {
        return new BarRecord(window, locate, 0x4141504C20202020L + locate, locate + 1, 100L * locate, 7L * locate,
                10, 12, 9, 11);
    }

    private static void append(BarWriter w, BarRecord b) {
        w.append(b.windowStartNs(), b.locate(), b.stock(), b.trades(), b.volume(), b.notional(),
                b.open(), b.high(), b.low(), b.close());
    }

    private static List<BarRecord> read(SingleChronicleQueue q) {
        List<BarRecord> out = new ArrayList<>();
        assertEquals(BarReader.count(q), BarReader.readAll(q, out::add));
        return out;
    }

    private static long excerpts(SingleChronicleQueue q) {
        long n = 0;
        try (ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return n;
                    }
                    n++;
                }
            }
        }
    }

    @Test
    @DisplayName("one excerpt per closed window, a window wider than MAX_BARS split, bars read back in order")
    void windowsAreOneExcerptEach() {
        List<BarRecord> expected = new ArrayList<>();
        try (SingleChronicleQueue q = StateDirectory.prepareFresh(tmp.resolve("s")).openBarsQueue()) {
            try (BarWriter w = new BarWriter(q)) {
                for (int locate = 1; locate <= 3; locate++) {
                    expected.add(bar(1_000, locate));
                }
                expected.forEach(b -> append(w, b));
                w.endWindow();
                w.endWindow(); // a window without bars writes nothing
                for (int locate = 1; locate <= BarBlockLayout.MAX_BARS + 5; locate++) {
                    BarRecord b = bar(2_000, locate);
                    expected.add(b);
                    append(w, b);
                }
                w.endWindow();
                append(w, bar(3_000, 1)); // staged, never ended: dropped by close
                assertEquals(1, w.staged());
                assertEquals(expected.size(), w.written());
                assertEquals(3, w.excerpts());
            }
            assertEquals(expected, read(q));
            assertEquals(3, excerpts(q));
        }
    }

    @Test
    @DisplayName("a state of format version 1 (one bare 80-byte bar per excerpt) reads the same")
    void versionOneStillReads() {
        List<BarRecord> expected = List.of(bar(1_000, 1), bar(1_000, 2), bar(2_000, 1));
        try (SingleChronicleQueue q = StateDirectory.prepareFresh(tmp.resolve("s")).openBarsQueue();
             ExcerptAppender a = q.createAppender()) {
            for (BarRecord b : expected) {
                try (DocumentContext dc = a.writingDocument()) {
                    var bytes = dc.wire().bytes();
                    bytes.writeLong(b.windowStartNs()).writeInt(b.locate()).writeInt(0)
                            .writeLong(Long.reverseBytes(b.stock())).writeLong(b.trades()).writeLong(b.volume())
                            .writeLong(b.notional()).writeLong(b.open()).writeLong(b.high()).writeLong(b.low())
                            .writeLong(b.close());
                }
            }
            try (BarWriter w = new BarWriter(q)) { // a resumed capture appends version-2 blocks after them
                append(w, bar(3_000, 1));
                w.endWindow();
            }
            List<BarRecord> all = new ArrayList<>(expected);
            all.add(bar(3_000, 1));
            assertEquals(all, read(q));
        }
    }

    @Test
    @DisplayName("an excerpt of an unknown format is refused with one line naming the queue, index and length")
    void unknownFormatIsRefused() {
        try (SingleChronicleQueue q = StateDirectory.prepareFresh(tmp.resolve("s")).openBarsQueue();
             ExcerptAppender a = q.createAppender()) {
            try (DocumentContext dc = a.writingDocument()) {
                dc.wire().bytes().writeInt(BarBlockLayout.MAGIC).writeShort((short) 3).writeShort((short) 80)
                        .writeInt(1).writeInt(0).writeSkip(80);
            }
            TickjournalException e = assertThrows(TickjournalException.class, () -> BarReader.count(q));
            assertTrue(e.getMessage().contains("(96 bytes) is not a bar block of format version 2"), e.getMessage());
            assertTrue(e.getMessage().startsWith(tmp.resolve("s").toString()), e.getMessage());
        }
    }
}
