package io.tickjournal.config;

import io.tickjournal.TickjournalException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingTypesTest {
    static final Setting<Long> SIZE = Setting.of("test", "journal.max-size", "BYTES", SettingTypes.SIZE, "0", "x");
    static final Setting<Long> MS = Setting.of("test", "gap-timeout-ms", "MS", SettingTypes.millis(1), "2000", "x");
    static final Setting<Long> PORT = Setting.of("test", "metrics-port", "P", SettingTypes.whole(0, 65_535), "0",
            "x");

    @Test
    void sizesAreAgronaSizes() {
        assertEquals(List.of(500_000_000L, 64L << 20, 200L << 30, 4L << 10, 1L << 30),
                List.of(SIZE.parse("500000000"), SIZE.parse("64m"), SIZE.parse("200G"), SIZE.parse(" 4k"),
                        SIZE.parse("1g")));
        assertEquals("test setting 'journal.max-size': must be a byte count such as 500000000, 64m or 200g, "
                + "got '12X'", assertThrows(TickjournalException.class, () -> SIZE.parse("12X")).getMessage());
        assertThrows(TickjournalException.class, () -> SIZE.parse("-1"));
        assertThrows(TickjournalException.class, () -> SIZE.parse(""));
    }

    @Test
    void aBareDurationIsMillisecondsAndAnyAgronaUnitIsRead() {
        assertEquals(List.of(2000L, 5000L, 250L, 2L, 3L, 1L),
                List.of(MS.parse("2000"), MS.parse("5s"), MS.parse("250ms"), MS.parse("2000us"),
                        MS.parse("3000000ns"), MS.parse("1")));
        assertEquals("test setting 'gap-timeout-ms': must be a positive duration in ms, or with a unit: 5s, 250ms, "
                + "2000us, got 'soon'", assertThrows(TickjournalException.class, () -> MS.parse("soon")).getMessage());
        assertThrows(TickjournalException.class, () -> MS.parse("0"));
        assertThrows(TickjournalException.class, () -> MS.parse("1500us"));
        assertThrows(TickjournalException.class, () -> MS.parse("-5s"));
        assertEquals(0L, Setting.of("test", "status-ms", "MS", SettingTypes.millis(0), "0", "x").parse("0s"));
    }

    @Test
    void numbersPortsAndAddressesAreBounded() {
        assertEquals(9464L, PORT.parse("9464"));
        assertEquals("test setting 'metrics-port': must be a whole number from 0 to 65535, got '70000'",
                assertThrows(TickjournalException.class, () -> PORT.parse("70000")).getMessage());
        Setting<?> at = Setting.of("test", "mold", "HOST:PORT", SettingTypes.HOST_PORT, null, "", "x");
        assertEquals("test setting 'mold': port must be a number from 0 to 65535, got '127.0.0.1:http'",
                assertThrows(TickjournalException.class, () -> at.parse("127.0.0.1:http")).getMessage());
        assertEquals("test setting 'mold': must be HOST:PORT, got '5000'",
                assertThrows(TickjournalException.class, () -> at.parse("5000")).getMessage());
        assertEquals(List.of("A", "B"), SettingTypes.LIST.parse("A, B,"));
    }
}
