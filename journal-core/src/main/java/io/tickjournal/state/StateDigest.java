package io.tickjournal.state;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The determinism digest of a state directory, defined in docs/journal-format.md:
 * SHA-256 over the ASCII tag {@code "tickjournal-digest-v1"}, then every bar of the bar
 * stream in order (its 80 stored bytes), then for every symbol in ascending locate order the
 * first 80 bytes of its state record (locate through ask_size; the bookkeeping fields
 * event_time_ns and journal_index are left out).
 */
public final class StateDigest {
    public static final String TAG = "tickjournal-digest-v1";

    private StateDigest() {
    }

    /** Computes the digest of what is persisted in {@code state}, as 64 lowercase hex digits. */
    public static String compute(StateDirectory state) {
        MessageDigest sha = sha256();
        sha.update(TAG.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buf = ByteBuffer.allocate(SymbolStateRecord.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        try (SingleChronicleQueue bars = state.openBarsQueue()) {
            BarReader.readAll(bars, bar -> {
                buf.clear();
                buf.putLong(bar.windowStartNs()).putInt(bar.locate()).putInt(0).putLong(Long.reverseBytes(bar.stock()))
                        .putLong(bar.trades()).putLong(bar.volume()).putLong(bar.notional())
                        .putLong(bar.open()).putLong(bar.high()).putLong(bar.low()).putLong(bar.close());
                sha.update(buf.array(), 0, BarRecordLayout.LENGTH);
            });
        }
        try (StateStore store = state.openStore()) {
            SymbolStateRecord r = new SymbolStateRecord();
            for (int locate : store.locates()) {
                store.get(locate, r);
                buf.clear();
                buf.putInt(r.locate).putInt(0).putLong(Long.reverseBytes(r.stock)).putLong(r.trades).putLong(r.volume)
                        .putLong(r.notional).putLong(r.lastPrice).putLong(r.bidPrice).putLong(r.bidSize)
                        .putLong(r.askPrice).putLong(r.askSize);
                sha.update(buf.array(), 0, 80);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
