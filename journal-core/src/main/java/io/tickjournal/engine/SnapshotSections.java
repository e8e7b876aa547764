package io.tickjournal.engine;

import io.tickjournal.TickjournalException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sections of an engine snapshot: one per component ({@link MarketEngine}'s own fields, the
 * order books, the VWAP engine), each written and read by that component's codec under its own
 * type and version, so that one component's layout can change without touching the others.
 *
 * <p>Layout (big-endian), the sections one after the other:
 * <pre>
 *   int   type: four ASCII characters, e.g. "BOOK"
 *   int   version of that section's layout
 *   int   length of the body, bytes
 *   ...   body, written by the component's codec
 * </pre>
 * A reader refuses a section of a version other than the one it reads, a known section missing,
 * repeated or not read to its end, and an unknown section whose type starts with an upper-case
 * letter (needed to continue exactly); it skips an unknown section whose type starts with a
 * lower-case letter (extra information a newer build may add), the convention of PNG's chunks.
 * Used on the tailer thread at checkpoint time and at start-up; not on the hot path.
 */
public final class SnapshotSections {
    /** Bytes of a section header: type, version, length. */
    public static final int HEADER_LENGTH = 12;

    private SnapshotSections() {
    }

    /** Writes a component's snapshot section body. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the body to {@code out}. */
        void write(DataOutput out) throws IOException;
    }

    /** Reads a component's snapshot section body. */
    @FunctionalInterface
    public interface Reader {
        /**
         * Restores the component from {@code in}, limited to the body.
         *
         * @throws IllegalArgumentException if the body is inconsistent
         */
        void read(ByteBuffer in);
    }

    /**
     * A section kind: its type (four ASCII characters) and the one layout version this build writes
     * and reads.
     */
    public record Kind(String type, int version) {
        /** Checks the type is four ASCII letters. */
        public Kind {
            if (type.length() != 4 || !type.chars().allMatch(c -> c < 128 && Character.isLetter(c))) {
                throw new IllegalArgumentException("section type must be four ASCII letters: " + type);
            }
        }

        /** The type as the int stored in the header. */
        public int code() {
            return typeCode(type);
        }
    }

    /** One component's codec: its kind and how its body is written and read. */
    public record Codec(Kind kind, Writer writer, Reader reader) {
    }

    /** Writes each codec's section, in order. */
    public static void write(DataOutput out, List<Codec> codecs) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
        for (Codec c : codecs) {
            body.reset();
            DataOutputStream data = new DataOutputStream(body);
            c.writer().write(data);
            data.flush();
            out.writeInt(c.kind().code());
            out.writeInt(c.kind().version());
            out.writeInt(body.size());
            out.write(body.toByteArray());
        }
    }

    /**
     * Checks the section headers of {@code in} (not its position) against the kinds this build reads,
     * without reading any body.
     *
     * @return the types of the optional sections this build does not know and will skip
     * @throws TickjournalException with the reason when the sections cannot be restored
     */
    public static List<String> check(ByteBuffer in, List<Kind> known) {
        ByteBuffer b = in.duplicate();
        List<String> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (b.hasRemaining()) {
            if (b.remaining() < HEADER_LENGTH) {
                throw new TickjournalException("a section header is cut short (" + b.remaining() + " bytes)");
            }
            String type = name(b.getInt());
            int version = b.getInt();
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new TickjournalException("section " + type + " of " + length + " bytes runs past the end ("
                        + b.remaining() + " left)");
            }
            b.position(b.position() + length);
            Kind kind = find(known, type);
            if (kind == null) {
                if (!Character.isLowerCase(type.charAt(0))) {
                    throw new TickjournalException("section " + type + " is unknown to this build and needed to "
                            + "restore the state (written by a newer build?)");
                }
                skipped.add(type);
                continue;
            }
            if (version != kind.version()) {
                throw new TickjournalException("section " + type + " version " + version + " is "
                        + (version > kind.version() ? "newer" : "older") + " than this build reads ("
                        + kind.version() + ")");
            }
            if (!seen.add(type)) {
                throw new TickjournalException("section " + type + " appears twice");
            }
        }
        for (Kind k : known) {
            if (!seen.contains(k.type())) {
                throw new TickjournalException("section " + k.type() + " is missing");
            }
        }
        return skipped;
    }

    /**
     * Restores every section of {@code in} with its codec, after {@link #check} passed; unknown
     * optional sections are skipped. Reads {@code in} to its end.
     *
     * @throws TickjournalException naming the section, if a body is inconsistent or not read to its end
     */
    public static void read(ByteBuffer in, List<Codec> codecs) {
        List<Kind> kinds = new ArrayList<>();
        codecs.forEach(c -> kinds.add(c.kind()));
        check(in, kinds);
        while (in.hasRemaining()) {
            String type = name(in.getInt());
            in.getInt(); // version: checked above
            int length = in.getInt();
            ByteBuffer body = in.slice().limit(length);
            in.position(in.position() + length);
            Codec codec = null;
            for (Codec c : codecs) {
                if (c.kind().type().equals(type)) {
                    codec = c;
                }
            }
            if (codec == null) {
                continue; // an optional section of a newer build
            }
            try {
                codec.reader().read(body);
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new TickjournalException("section " + type + " is inconsistent: " + e, e);
            }
            if (body.hasRemaining()) {
                throw new TickjournalException("section " + type + " has " + body.remaining()
                        + " bytes after its state");
            }
        }
    }

    private static Kind find(List<Kind> kinds, String type) {
        for (Kind k : kinds) {
            if (k.type().equals(type)) {
                return k;
            }
        }
        return null;
    }

    private static int typeCode(String type) {
        byte[] b = type.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    /** The header's type as text: four characters, non-printable ones as '?'. */
    private static String name(int code) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int ch = (code >>> (24 - 8 * i)) & 0xFF;
            c[i] = ch >= 0x20 && ch < 0x7F ? (char) ch : '?';
        }
        return new String(c);
    }
}
