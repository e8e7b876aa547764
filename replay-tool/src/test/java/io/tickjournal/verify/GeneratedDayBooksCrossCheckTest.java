package io.tickjournal.verify;

import io.tickjournal.book.OrderBooks;
import io.tickjournal.engine.MarketEngine;
import io.tickjournal.generate.ItchDayGenerator;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One generated day replayed side by side through the fast engine and the {@link ReferenceEngine}
 * (its own parsing and TreeMap books): after every message, the book of the message's symbol has the
 * same best bid and best ask in both, and it is neither crossed nor locked. The many-seed version on the
 * fast engine alone is journal-core's {@code UncrossedBooksTest}.
 */
class GeneratedDayBooksCrossCheckTest {
    @Test
    void bothEnginesSeeEveryBookUncrossedAfterEveryMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ItchDayGenerator(25, 40_000, 31).writeBinaryFile(out);
        byte[] file = out.toByteArray();
        MarketEngine fast = new MarketEngine(ReferenceEngineCrossCheckTest.W, bar -> { }, 1 << 16, 1 << 16);
        OrderBooks books = fast.books();
        ReferenceEngine reference = new ReferenceEngine(ReferenceEngineCrossCheckTest.W, bar -> { });
        Bytes<byte[]> bytes = Bytes.wrapForRead(file);
        ByteBuffer whole = ByteBuffer.wrap(file);
        int twoSided = 0;
        long index = 0;
        for (int p = 0; p + 2 <= file.length; index++) {
            int len = ((file[p] & 0xFF) << 8) | (file[p + 1] & 0xFF);
            fast.onMessage(bytes, p + 2, len, index);
            reference.apply(whole.slice(p + 2, len));
            int locate = ((file[p + 3] & 0xFF) << 8) | (file[p + 4] & 0xFF);
            String where = "message " + index + " (" + (char) file[p + 2] + ", locate " + locate + ")";
            p += 2 + len;
            if (locate == 0) {
                continue;
            }
            long bid = books.bestBidPrice(locate);
            long ask = books.bestAskPrice(locate);
            assertEquals(best(reference.depth(locate, (byte) 'B')), bid, "best bid at " + where);
            assertEquals(best(reference.depth(locate, (byte) 'S')), ask, "best ask at " + where);
            if (bid != 0 && ask != 0) {
                assertTrue(bid < ask, "crossed or locked at " + where + ": bid " + bid + ", ask " + ask);
                twoSided++;
            }
        }
        assertEquals(40_000, index);
        assertTrue(twoSided > 30_000, twoSided + " messages checked on a two-sided book");
    }

    /** The price of the first "price x shares" level, 0 for an empty side. */
    private static long best(List<String> levels) {
        return levels.isEmpty() ? 0 : Long.parseLong(levels.get(0).substring(0, levels.get(0).indexOf('x')));
    }
}
