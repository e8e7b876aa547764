package io.tickjournal.generate;

import io.tickjournal.itch.ItchDispatcher;
import io.tickjournal.itch.ItchRecords;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import net.openhft.chronicle.bytes.Bytes;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A generated day in memory, split into BinaryFILE frames (2-byte big-endian length, message). */
final class GeneratedDay {
    final byte[] file;
    /** Offset and length of each message (after its length prefix). */
    final List<int[]> frames = new ArrayList<>();

    GeneratedDay(int symbols, long messages, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ItchDayGenerator(symbols, messages, seed).writeBinaryFile(out);
        file = out.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(file);
        while (b.hasRemaining()) {
            int length = b.getShort() & 0xFFFF;
            frames.add(new int[] {b.position(), length});
            b.position(b.position() + length);
        }
    }

    byte type(int i) {
        return file[frames.get(i)[0]];
    }

    /** Every message decoded by our dispatcher into {@link ItchRecords} values; all must dispatch OK. */
    List<ItchRecords.Msg> decode() {
        ItchRecords.Recorder recorder = new ItchRecords.Recorder();
        ItchDispatcher dispatcher = new ItchDispatcher(recorder);
        Bytes<byte[]> bytes = Bytes.wrapForRead(file);
        for (int[] f : frames) {
            assertEquals(ItchDispatcher.OK, dispatcher.dispatch(bytes, f[0], f[1]), "message at " + f[0]);
        }
        return recorder.messages;
    }
}
