package io.tickjournal.generate;

import io.tickjournal.TickjournalException;
import io.tickjournal.itch.ItchMessageType;
import io.tickjournal.itch.ItchRecords;
import io.tickjournal.itch.ItchRecords.CrossTrade;
import io.tickjournal.itch.ItchRecords.StockDirectory;
import io.tickjournal.itch.ItchRecords.SystemEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItchDayGeneratorTest {
    private static final long FOUR_BILLION = 4_294_967_295L;

    @Test
    void sameSeedGivesSameBytesAndAnotherSeedDoesNot() {
        byte[] a = new GeneratedDay(50, 20_000, 7).file;
        assertArrayEquals(a, new GeneratedDay(50, 20_000, 7).file);
        assertFalse(Arrays.equals(a, new GeneratedDay(50, 20_000, 8).file));
    }

    @Test
    void fileAndStreamVariantsWriteTheSameBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("day.itch");
        new ItchDayGenerator(20, 5_000, 3).writeBinaryFile(file);
        assertArrayEquals(new GeneratedDay(20, 5_000, 3).file, Files.readAllBytes(file));
    }

    @Test
    void writesExactlyTheRequestedNumberOfMessages() {
        int[][] cases = {{1, 7}, {500, 506}, {500, 511}, {500, 677}, {500, 678}, {3, 100}, {10, 2_000}, {500, 20_001}};
        for (int[] c : cases) {
            GeneratedDay day = new GeneratedDay(c[0], c[1], 11);
            assertEquals(c[1], day.frames.size(), c[0] + " symbols, " + c[1] + " messages");
            day.decode(); // every frame is a known type of the right length
        }
    }

    @Test
    void refusesADayTooShortForItsSymbols() {
        assertEquals(506, ItchDayGenerator.minimumMessages(500));
        TickjournalException e = assertThrows(TickjournalException.class, () -> new ItchDayGenerator(500, 10, 1));
        assertTrue(e.getMessage().contains("at least 506"), e.getMessage());
        assertThrows(TickjournalException.class, () -> new ItchDayGenerator(0, 10, 1));
        assertThrows(TickjournalException.class, () -> new ItchDayGenerator(65_536, 100_000, 1));
    }

    @Test
    void theSmallestDayIsTheSkeleton() {
        List<ItchRecords.Msg> msgs = new GeneratedDay(2, 8, 1).decode();
        assertEquals(SystemEvent.class, msgs.get(0).getClass());
        assertEquals(StockDirectory.class, msgs.get(1).getClass());
        assertEquals(StockDirectory.class, msgs.get(2).getClass());
        StringBuilder codes = new StringBuilder();
        for (ItchRecords.Msg m : msgs) {
            if (m instanceof SystemEvent s) {
                codes.append((char) s.eventCode());
            }
        }
        assertEquals("OSQMEC", codes.toString());
    }

    @Test
    void everyTypeAppearsInADayOfTwentyThousandMessages() {
        GeneratedDay day = new GeneratedDay(500, 20_000, 42);
        Map<Character, Integer> counts = new TreeMap<>();
        for (int i = 0; i < day.frames.size(); i++) {
            counts.merge((char) day.type(i), 1, Integer::sum);
        }
        for (byte type : ItchMessageType.all()) {
            assertTrue(counts.containsKey((char) type), "no " + (char) type + " in " + counts);
        }
        assertEquals(500, counts.get('R'));
        assertEquals(6, counts.get('S'));

        List<ItchRecords.Msg> msgs = day.decode();
        assertTrue(msgs.stream().anyMatch(m -> m instanceof CrossTrade q && q.shares() == 0), "a Q with 0 shares");
        assertTrue(msgs.stream().anyMatch(m -> m instanceof CrossTrade q && q.shares() > FOUR_BILLION),
            "a Q above 2^32 - 1 shares");
        assertTrue(msgs.stream().anyMatch(m -> m instanceof ItchRecords.OrderExecutedWithPrice c && c.printable() == 'Y'));
        assertTrue(msgs.stream().anyMatch(m -> m instanceof ItchRecords.OrderExecutedWithPrice c && c.printable() == 'N'));
        assertTrue(msgs.stream().anyMatch(m -> m instanceof ItchRecords.AddOrder a && a.price() > Integer.MAX_VALUE),
            "the high-priced symbol quotes above 2^31");
    }

    @Test
    void symbolsAreDistinctAndActivityIsSkewed() {
        List<ItchRecords.Msg> msgs = new GeneratedDay(500, 50_000, 5).decode();
        Set<String> names = new HashSet<>();
        int locate = 0;
        Map<Integer, Integer> perLocate = new HashMap<>();
        for (ItchRecords.Msg m : msgs) {
            if (m instanceof StockDirectory r) {
                assertEquals(++locate, r.locate());
                assertTrue(r.stock().matches("[A-Z]{1,8}"), r.stock());
                assertTrue(names.add(r.stock()), "duplicate " + r.stock());
            } else if (m instanceof ItchRecords.AddOrder a) {
                perLocate.merge(a.locate(), 1, Integer::sum);
            }
        }
        assertEquals(500, names.size());
        assertEquals("AAPL", msgs.stream().filter(m -> m instanceof StockDirectory).map(m -> ((StockDirectory) m).stock())
            .findFirst().orElseThrow());
        int[] sorted = perLocate.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        int top = sorted[sorted.length - 1];
        int median = sorted[sorted.length / 2];
        assertTrue(top > 10 * median, "top " + top + " vs median " + median);
    }

    @Test
    void timestampsNeverDecreaseAndSpreadOverTheWholeDay() {
        GeneratedDay day = new GeneratedDay(100, 20_000, 9);
        long last = 0;
        long firstRegular = Long.MAX_VALUE;
        long lastRegular = 0;
        Set<Long> hours = new HashSet<>();
        for (int[] f : day.frames) {
            long ts = 0;
            for (int i = 5; i < 11; i++) {
                ts = (ts << 8) | (day.file[f[0] + i] & 0xFF);
            }
            assertTrue(ts >= last, "timestamp went back at " + f[0]);
            last = ts;
            hours.add(ts / 3_600_000_000_000L);
            if (ts > 34_200_000_000_000L && ts < 57_540_000_000_000L && day.file[f[0]] != 'I') {
                firstRegular = Math.min(firstRegular, ts);
                lastRegular = Math.max(lastRegular, ts);
            }
        }
        assertEquals(72_300_000_000_000L, last, "S 'C' at 20:05");
        // order flow from 04:00 to 20:00, regular hours filled from the open to the close, not packed
        assertEquals(Set.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L), hours);
        assertTrue(firstRegular < 34_201_000_000_000L && lastRegular > 57_480_000_000_000L,
            "regular hours from " + firstRegular + " to " + lastRegular);
    }
}
