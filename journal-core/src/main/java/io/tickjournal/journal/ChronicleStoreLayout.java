package io.tickjournal.journal;

import java.util.HexFormat;

/**
 * Chronicle Queue's own documents in a journal, as chronicle-bom 2026.18 writes them for the
 * {@code FAST_DAILY} roll cycle (binary wire, little-endian), byte for byte: what
 * {@link JournalCheck} compares a journal against before Chronicle (or our reader) is let near it.
 *
 * <pre>
 * cycle file (yyyyMMdd'F'.cq4):
 *   0     header word 0x400000C1 (metadata, 193 bytes): "header: !SCQStore {"
 *   64    int64 writePosition: file offset of the last complete data document
 *   72    int64 (that offset &lt;&lt; 32) | its sequence in the cycle
 *   152   int64 index2Index = 200 (fixed: the document right after the header)
 *   176   int64 lastIndex: index entries written x 256
 *   200   header word 0x40008024 (metadata): "index2index", int64 capacity 4096 at +24,
 *         int64 used at +32, then 4096 int64 offsets of the index documents at +40
 *   ...   header word 0x4000801C (metadata): "index", capacity 4096 at +16, used at +24,
 *         then 4096 int64 offsets at +32: entry j of index document k is the offset of data
 *         document (k * 4096 + j) * 256
 * metadata.cq4t: a 148-byte "header: !STStore" document (roll cycle: length 86,400,000 ms,
 *   format yyyyMMdd'F', epoch 0), then one document per key: 0xB9 len key, padding
 *   (0x8F, or 0x8E int32 n and n bytes), 0xA7 int64 value.
 * </pre>
 * Offsets above are of the file; the byte arrays below start at the header word.
 */
final class ChronicleStoreLayout {
    /** The cycle file header document and its padding: bytes [0, 200) with the variable fields zeroed. */
    static final byte[] CYCLE_HEADER = HexFormat.of().parseHex(
            "c1000040b906686561646572b60853435153746f726582aa000000cd7772697465506f736974696f6e8e01000000008d"
            + "0200000000000000020000000000000000000000000000000000000000000000c8696e646578696e67b60c5343515349"
            + "6e646578696e67824c000000ca696e646578436f756e74a50010cc696e64657853706163696e67a50001cb696e646578"
            + "32496e6465788fa7c800000000000000c96c617374496e6465788e00000000a70000000000000000ca64617461466f72"
            + "6d6174a101000000");
    static final int WRITE_POSITION_OFFSET = 64;
    static final int WRITE_SEQUENCE_OFFSET = 72;
    static final int LAST_INDEX_OFFSET = 176;
    /** Where the index-to-index document starts (the header's index2Index value). */
    static final int INDEX2INDEX_POSITION = 200;
    /** The index-to-index document's first 40 bytes, its used count (at 32) zeroed. */
    static final byte[] INDEX2INDEX_HEADER = HexFormat.of().parseHex(
            "24800040b90b696e64657832696e6465788e01000000008d00100000000000000000000000000000");
    /** An index document's first 32 bytes, its used count (at 24) zeroed. */
    static final byte[] INDEX_HEADER = HexFormat.of().parseHex(
            "1c800040b905696e6465788f8f8f8f8d00100000000000000000000000000000");
    static final int INDEX2INDEX_USED_OFFSET = 32;
    static final int INDEX_USED_OFFSET = 24;
    static final int INDEX2INDEX_ENTRIES_OFFSET = 40;
    static final int INDEX_ENTRIES_OFFSET = 32;
    /** Entries per index array (indexCount) and data documents per index entry (indexSpacing). */
    static final int INDEX_COUNT = 4096;
    static final int INDEX_SPACING = 256;

    /** What follows an end-of-cycle marker's header word: the field name "EOF" (0xC3 'E' 'O' 'F'). */
    static final byte[] END_OF_CYCLE_CONTENT = {(byte) 0xC3, 'E', 'O', 'F'};

    /** metadata.cq4t's header document (148 bytes of content) and its padding to 152. */
    static final byte[] TABLE_STORE_HEADER = HexFormat.of().parseHex(
            "94000040b906686561646572b607535453746f7265827e000000c87769726554797065b6085769726554797065ec4249"
            + "4e4152595f4c49474854c86d65746164617461b6075343514d6574618246000000c4726f6c6cb60853435153526f6c6c"
            + "8227000000c66c656e677468a6005c2605c6666f726d6174eb797979794d4d6464274627c565706f6368a100c8736f75"
            + "7263654964a1008f");
    static final String TABLE_STORE_FILE = "metadata.cq4t";
    /** Binary wire codes used by the table store's entries. */
    static final int FIELD_NAME_ANY = 0xB9;
    static final int PADDING = 0x8F;
    static final int PADDING32 = 0x8E;
    static final int INT64 = 0xA7;

    private ChronicleStoreLayout() {
    }
}
