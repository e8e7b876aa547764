package io.tickjournal.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * A gzip stream whose damage ends the input instead of throwing: the inflater's error (a corrupt
 * block, a stream cut short, a CRC32 or size mismatch in the trailer) is kept as {@link #damage()}
 * and the stream reads as ended, so the importer can journal every message it had already framed
 * and then say how many came from a stream its CRC never confirmed.
 *
 * <p>Gzip checks its CRC32 only at the end of each member: every message decompressed before the
 * damage is noticed is unverified. Single-threaded, like the stream it wraps.
 */
final class GzipDamageGuard extends FilterInputStream {
    private String damage;

    GzipDamageGuard(GZIPInputStream in) {
        super(in);
    }

    /** The inflater's complaint ("Corrupt GZIP trailer", "Unexpected end of ZLIB input stream"), or null. */
    String damage() {
        return damage;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (damage != null) {
            return -1;
        }
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            // ZipException and EOFException both mean the compressed bytes are wrong or missing.
            damage = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return -1;
        }
    }
}
