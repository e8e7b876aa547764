package io.tickjournal.verify;

import io.tickjournal.TickjournalException;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The reference engine's results in the published formats: the {@code vwap} and {@code bars}
 * CSVs of docs/architecture.md and the determinism digest of docs/journal-format.md, written here
 * from those documents (not with the commands' or {@code StateDigest}'s code), and the files of
 * {@code verify --expect} they are compared with.
 */
final class Golden {
    static final String VWAP_HEADER = "symbol,locate,trades,volume,notional,vwap,last_price,bid_price,bid_size,"
            + "ask_price,ask_size";
    static final String BARS_HEADER = "symbol,window_start_ns,trades,volume,notional,vwap,open,high,low,close";
    static final String VWAP_FILE = "vwap.csv";
    static final String BARS_FILE = "bars.csv";
    static final String DIGEST_FILE = "digest.txt";

    /** The golden files to compare with; a null path is not compared. */
    record Expected(Path vwap, Path bars, Path digest) {
    }

    private Golden() {
    }

    /**
     * Resolves {@code --expect}: a directory holding {@code vwap.csv}, {@code bars.csv} and/or
     * {@code digest.txt}, or one CSV file recognised by its header. Fails with a one-line reason.
     */
    static Expected resolve(Path expect) {
        if (Files.isDirectory(expect)) {
            Path vwap = expect.resolve(VWAP_FILE);
            Path bars = expect.resolve(BARS_FILE);
            Path digest = expect.resolve(DIGEST_FILE);
            Expected e = new Expected(Files.isRegularFile(vwap) ? vwap : null, Files.isRegularFile(bars) ? bars : null,
                    Files.isRegularFile(digest) ? digest : null);
            if (e.vwap() == null && e.bars() == null && e.digest() == null) {
                throw new TickjournalException(expect + ": no " + VWAP_FILE + ", " + BARS_FILE + " or " + DIGEST_FILE
                        + " to compare with");
            }
            return e;
        }
        if (!Files.exists(expect)) {
            throw new TickjournalException(expect + ": no such file or directory");
        }
        List<String> lines = read(expect);
        String header = lines.isEmpty() ? "" : lines.get(0);
        if (header.equals(VWAP_HEADER)) {
            return new Expected(expect, null, null);
        }
        if (header.equals(BARS_HEADER)) {
            return new Expected(null, expect, null);
        }
        throw new TickjournalException(expect + ": not a vwap or bars CSV (its first line is '"
                + (header.length() > 60 ? header.substring(0, 60) + "..." : header) + "')");
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
    }

    static List<String> vwapCsv(List<SymbolRow> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(VWAP_HEADER);
        for (SymbolRow r : rows) {
            lines.add(r.symbol() + "," + r.locate() + "," + r.trades() + "," + r.volume() + "," + r.notional() + ","
                    + vwap(r.notional(),
                            r.volume()) + "," + r.lastPrice() + "," + r.bidPrice() + "," + r.bidSize() + ","
                    + r.askPrice() + "," + r.askSize());
        }
        return lines;
    }

    static List<String> barsCsv(List<BarRow> bars) {
        List<String> lines = new ArrayList<>();
        lines.add(BARS_HEADER);
        for (BarRow b : bars) {
            lines.add(b.symbol() + "," + b.windowStartNs() + "," + b.trades() + "," + b.volume() + "," + b.notional()
                    + ","
                    + vwap(b.notional(),
                            b.volume()) + "," + b.open() + "," + b.high() + "," + b.low() + "," + b.close());
        }
        return lines;
    }

    /** notional / volume / 10^4 with six decimals, half-even; "" without volume (README, "Commands"). */
    static String vwap(long notional, long volume) {
        if (volume == 0) {
            return "";
        }
        return new BigDecimal(notional).divide(new BigDecimal(volume).multiply(BigDecimal.valueOf(10_000)), 6,
                RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * Compares {@code computed} with the lines of {@code file}, reporting the first differing
     * lines as problems of {@code check}; returns a summary.
     */
    static String compare(Path file, List<String> computed, VerifyReport report, VerifyReport.Check check) {
        List<String> expected = read(file);
        int differing = 0;
        int n = Math.max(expected.size(), computed.size());
        for (int i = 0; i < n; i++) {
            String want = i < expected.size() ? expected.get(i) : "(no line)";
            String got = i < computed.size() ? computed.get(i) : "(no line)";
            if (!want.equals(got)) {
                differing++;
                String symbol = got.contains(",") ? got.substring(0, got.indexOf(',')) : "";
                report.problem(new VerifyReport.Finding(check, -1, null, -1, symbol,
                        file + " line " + (i + 1) + " is '" + want + "', the reference engine computes '" + got + "'"));
            }
        }
        return String.format("%s: %,d lines%s", file, expected.size(),
                differing == 0 ? " equal" : String.format(", %,d differ from the reference's %,d", differing,
                        computed.size()));
    }

    /**
     * The determinism digest of docs/journal-format.md over the reference's bar stream and rows:
     * SHA-256 of "tickjournal-digest-v1", each bar's 80-byte record, each row's first 80 bytes.
     */
    static String digest(List<BarRow> bars, List<SymbolRow> rows, ReferenceEngine reference) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        sha.update("tickjournal-digest-v1".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        for (BarRow bar : bars) {
            b.clear();
            b.putLong(bar.windowStartNs()).putInt(bar.locate()).putInt(0).put(reference.stockBytes(bar.locate()))
                    .putLong(bar.trades()).putLong(bar.volume()).putLong(bar.notional()).putLong(bar.open())
                    .putLong(bar.high()).putLong(bar.low()).putLong(bar.close());
            sha.update(b.array(), 0, 80);
        }
        for (SymbolRow r : rows) {
            b.clear();
            b.putInt(r.locate()).putInt(0).put(reference.stockBytes(r.locate())).putLong(r.trades()).putLong(r.volume())
                    .putLong(r.notional()).putLong(r.lastPrice()).putLong(r.bidPrice()).putLong(r.bidSize())
                    .putLong(r.askPrice()).putLong(r.askSize());
            sha.update(b.array(), 0, 80);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
