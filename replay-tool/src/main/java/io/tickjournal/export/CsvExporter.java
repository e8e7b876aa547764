package io.tickjournal.export;

import io.tickjournal.TickjournalException;
import io.tickjournal.itch.BigEndian;
import io.tickjournal.itch.ItchDispatcher;
import io.tickjournal.itch.ItchLayout;
import io.tickjournal.itch.ItchMessageType;
import io.tickjournal.journal.JournalRecordHandler;
import net.openhft.chronicle.bytes.RandomDataInput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code export --format csv}: one file per ITCH message type ({@code OUT/add_order.csv}, ...)
 * with the common columns ({@link #COMMON_COLUMNS}) then the type's fields ({@link ItchFields}).
 * Integers are printed unsigned, prices as ITCH integers (4 implied decimals; 8 in V), alpha
 * fields as text without trailing spaces (quoted when they hold a comma or a quote). The symbol
 * is the stock directory's (R) for the message's locate, as seen so far in the journal; empty
 * before it. Messages of unknown type or of a length other than the spec's are counted, not
 * written. Optionally only the messages of some symbols. Thread-confined.
 */
public final class CsvExporter implements JournalRecordHandler, AutoCloseable {
    /** The columns every file starts with. */
    static final String[] COMMON_COLUMNS = {"index", "receive_time_ns", "sequence", "locate", "tracking",
            "timestamp", "symbol"};

    private final Path out;
    private final Set<String> only;
    private final Writer[] writers = new Writer[256];
    private final String[] symbols = new String[65536];
    private final StringBuilder line = new StringBuilder(256);
    private long messages;
    private long skipped;
    private int files;

    /** Writes into {@code out}, created if needed; files of the same names there are replaced. */
    public CsvExporter(Path out) {
        this(out, Set.of());
    }

    /**
     * As {@link #CsvExporter(Path)}, writing only the messages of the symbols in {@code only} (by
     * their locate's stock directory symbol; market-wide messages have none), or all if it is empty.
     */
    public CsvExporter(Path out, Set<String> only) {
        this.out = out;
        this.only = only;
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw TickjournalException.io(out.toString(), e);
        }
    }

    @Override
    public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs,
            long sequence) {
        if (ItchDispatcher.validate(buffer, offset, length) != ItchDispatcher.OK) {
            skipped++;
            return;
        }
        byte type = buffer.readByte(offset);
        int locate = BigEndian.u16(buffer, offset + ItchLayout.STOCK_LOCATE_OFFSET);
        if (type == ItchMessageType.STOCK_DIRECTORY) {
            symbols[locate] = text(buffer, offset + ItchLayout.STOCK_DIRECTORY_STOCK_OFFSET, ItchLayout.STOCK_LENGTH);
        }
        String symbol = symbols[locate];
        if (!only.isEmpty() && (symbol == null || !only.contains(symbol))) {
            return;
        }
        StringBuilder sb = line;
        sb.setLength(0);
        sb.append(index).append(',').append(receiveTimeNs).append(',').append(sequence).append(',').append(
                locate).append(',')
                .append(BigEndian.u16(buffer, offset + ItchLayout.TRACKING_NUMBER_OFFSET)).append(',')
                .append(BigEndian.u48(buffer, offset + ItchLayout.TIMESTAMP_OFFSET)).append(',');
        sb.append(symbol == null ? "" : symbol);
        for (ItchFields.Field f : ItchFields.fields(type)) {
            sb.append(',');
            long at = offset + f.offset();
            if (f.kind() == ItchFields.Kind.ALPHA) {
                appendCsv(sb, text(buffer, at, f.size()));
            } else {
                sb.append(switch (f.size()) {
                    case 1 -> Integer.toString(BigEndian.u8(buffer, at));
                    case 2 -> Integer.toString(BigEndian.u16(buffer, at));
                    case 4 -> Long.toString(BigEndian.u32(buffer, at));
                    default -> Long.toUnsignedString(BigEndian.i64(buffer, at));
                });
            }
        }
        sb.append('\n');
        try {
            writer(type).append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        messages++;
    }

    private Writer writer(byte type) throws IOException {
        Writer w = writers[type & 0xFF];
        if (w == null) {
            Path file = out.resolve(ItchFields.fileName(type) + ".csv");
            w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 16);
            w.write(ItchFields.csvHeader(type));
            w.write('\n');
            writers[type & 0xFF] = w;
            files++;
        }
        return w;
    }

    /** ASCII text of an alpha field without trailing spaces. */
    static String text(RandomDataInput buffer, long at, int size) {
        int end = size;
        while (end > 0 && buffer.readByte(at + end - 1) == ' ') {
            end--;
        }
        char[] c = new char[end];
        for (int i = 0; i < end; i++) {
            c[i] = (char) (buffer.readByte(at + i) & 0xFF);
        }
        return new String(c);
    }

    private static void appendCsv(StringBuilder sb, String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            sb.append(s);
        } else {
            sb.append('"').append(s.replace("\"", "\"\"")).append('"');
        }
    }

    /** Messages written. */
    public long messages() {
        return messages;
    }

    /** Messages of unknown type or of a length other than the spec's (not written). */
    public long skipped() {
        return skipped;
    }

    /** Files written (one per type present). */
    public int files() {
        return files;
    }

    @Override
    public void close() {
        try {
            for (Writer w : writers) {
                if (w != null) {
                    w.close();
                }
            }
        } catch (IOException e) {
            throw TickjournalException.io(out.toString(), e);
        }
    }
}
