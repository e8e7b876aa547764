package io.tickjournal.itch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SymbolsTest {
    @Test
    void packIsTheRawBytesBigEndianSpacePadded() {
        assertEquals(0x4141_504C_2020_2020L, Symbols.pack("AAPL"));
        assertEquals(0x2020_2020_2020_2020L, Symbols.pack(""));
        assertEquals("AAPL", Symbols.toString(Symbols.pack("AAPL")));
        assertEquals("ABCDEFGH", Symbols.toString(Symbols.pack("ABCDEFGH")));
        assertEquals("", Symbols.toString(Symbols.pack("")));
        assertEquals("BRK A", Symbols.toString(Symbols.pack("BRK A")));
        assertEquals("VIRT", Symbols.toString(Symbols.pack("VIRT", 4), 4));
        assertEquals("AB", Symbols.toString(0x4142_0000_0000_0000L)); // NUL padding trimmed too
        assertThrows(IllegalArgumentException.class, () -> Symbols.pack("TOOLONGXX"));
    }

    @Test
    void messageTypeTable() {
        assertEquals(23, ItchMessageType.all().length);
        int[] expected = {12, 39, 25, 20, 26, 35, 12, 28, 35, 21, 36, 40, 31, 36, 23, 19, 35, 44, 40, 19, 50, 20, 48};
        String types = "SRHYLVWKJhAFECXDUPQBINO";
        for (int i = 0; i < types.length(); i++) {
            assertEquals(types.charAt(i), (char) ItchMessageType.all()[i]);
            assertEquals(expected[i], ItchMessageType.length((byte) types.charAt(i)), types.substring(i, i + 1));
        }
        assertEquals(-1, ItchMessageType.length((byte) 'Z'));
        assertEquals(-1, ItchMessageType.length((byte) 0xFF));
        assertEquals("ADD_ORDER", ItchMessageType.name(ItchMessageType.ADD_ORDER));
        assertEquals("OPERATIONAL_HALT", ItchMessageType.name((byte) 'h'));
        assertEquals("UNKNOWN", ItchMessageType.name((byte) 'z'));
    }
}
