package io.tickjournal.capture;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.tickjournal.protocol.SoupBinTcpLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz harness for the SoupBinTCP capture's packet parser ({@link SoupBinTcpIngestor}), over a real
 * loopback TCP connection: the harness is the server, takes the capture's login request, sends the
 * byte stream the input describes (packets of every type, well-formed or not, and raw bytes), and
 * closes the connection.
 *
 * <p>What must hold: the login request is well-formed; the capture leaves the connection within 5 s
 * of its close (no hang) without throwing; the journal holds a session start, then each sequence
 * once, in order, then at most a session end; the journaled messages are, in order, payloads of
 * sequenced-data packets the stream carried, byte for byte.
 */
class SoupBinTcpFuzzTest {
    private static final long DEADLINE_NS = 5_000_000_000L;
    private static final int MAX_STEPS = 64;
    private static final byte[] TYPES = {SEQUENCED_DATA, SERVER_HEARTBEAT, END_OF_SESSION, LOGIN_ACCEPTED,
        LOGIN_REJECTED, DEBUG, UNSEQUENCED_DATA, (byte) 'Q'};
    private static ServerSocketChannel server;

    @AfterAll
    static void closeServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void stream(FuzzedDataProvider data) throws IOException {
        FuzzNetwork.allowLoopbackOnly();
        if (server == null) {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(CaptureFixture.LOOPBACK, 0));
        }
        FuzzJournal journal = FuzzJournal.next();
        CaptureCounters counters = new CaptureCounters();
        SoupBinTcpIngestor.Options options = new SoupBinTcpIngestor.Options(
                (InetSocketAddress) server.getLocalAddress(), null, "fuzz", "secret", 3_600_000);
        List<String> sequenced = new ArrayList<>();
        byte[] stream = stream(data, sequenced);
        try (SoupBinTcpIngestor ingestor = new SoupBinTcpIngestor(options, journal.writer(), counters,
                JournalResume.EMPTY, line -> { });
             SocketChannel client = accept(ingestor)) {
            assertLoginRequest(client, ingestor);
            ByteBuffer out = ByteBuffer.wrap(stream);
            long deadline = System.nanoTime() + DEADLINE_NS;
            while (out.hasRemaining() && ingestor.connected()) {
                client.write(out);
                ingestor.doWork();
                if (System.nanoTime() > deadline) {
                    fail("the capture stopped reading with " + out.remaining() + " bytes unsent");
                }
            }
            client.shutdownOutput();
            while (ingestor.connected()) {
                ingestor.doWork();
                if (System.nanoTime() > deadline) {
                    fail("the capture did not leave a closed connection within 5 s");
                }
            }
        }
        List<CaptureFixture.Rec> records = journal.drain();
        FuzzJournal.assertInSequence(records, "soup");
        int s = 0;
        for (CaptureFixture.Rec r : records) {
            if (r.kind() == 'M') {
                String payload = new String(r.payload(), StandardCharsets.ISO_8859_1);
                while (s < sequenced.size() && !sequenced.get(s).equals(payload)) {
                    s++;
                }
                if (s++ == sequenced.size()) {
                    fail("message " + r.sequence() + " is not a sequenced-data payload of the stream, in order");
                }
            }
        }
    }

    private static SocketChannel accept(SoupBinTcpIngestor ingestor) throws IOException {
        ingestor.open();
        SocketChannel client = server.accept();
        client.configureBlocking(false);
        return client;
    }

    /** Reads the capture's login request: a new journal asks for sequence 1 of any session. */
    private static void assertLoginRequest(SocketChannel client, SoupBinTcpIngestor ingestor) throws IOException {
        ByteBuffer login = ByteBuffer.allocate(LENGTH_PREFIX + 1 + LOGIN_REQUEST_PAYLOAD);
        long deadline = System.nanoTime() + DEADLINE_NS;
        while (login.hasRemaining()) {
            ingestor.doWork();
            if (client.read(login) < 0 || System.nanoTime() > deadline) {
                fail("no login request");
            }
        }
        byte[] b = login.array();
        assertEquals(1 + LOGIN_REQUEST_PAYLOAD, ((b[0] & 0xFF) << 8) | (b[1] & 0xFF), "login length");
        assertEquals(LOGIN_REQUEST, b[2], "login type");
        assertEquals(1, getNumeric(b, 3 + USERNAME_LENGTH + PASSWORD_LENGTH + SESSION_LENGTH, SEQUENCE_LENGTH));
    }

    /** The bytes the server sends; {@code sequenced} gets every sequenced-data payload in it, in order. */
    private static byte[] stream(FuzzedDataProvider data, List<String> sequenced) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (data.consumeBoolean()) {
            byte[] accepted = new byte[LOGIN_ACCEPTED_PAYLOAD];
            putAlpha(accepted, 0, SESSION_LENGTH, "FZ" + data.consumeInt(0, 3));
            putNumeric(accepted, SESSION_LENGTH, SEQUENCE_LENGTH, data.consumeLong(0, 50));
            packet(out, LOGIN_ACCEPTED, accepted);
        }
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            int kind = data.consumeInt(0, 3);
            if (kind == 0) {
                out.writeBytes(data.consumeBytes(data.consumeInt(0, 64)));
            } else {
                byte type = kind == 1 ? SEQUENCED_DATA : TYPES[data.consumeInt(0, TYPES.length - 1)];
                byte[] payload = data.consumeBytes(data.consumeInt(0, 60));
                packet(out, type, payload);
            }
        }
        byte[] stream = out.toByteArray();
        // The oracle's own framing of what was sent (raw bytes included): its sequenced-data payloads.
        int p = 0;
        while (p + 3 <= stream.length) {
            int length = ((stream[p] & 0xFF) << 8) | (stream[p + 1] & 0xFF);
            if (length == 0 || p + 2 + length > stream.length) {
                break;
            }
            if (stream[p + 2] == SEQUENCED_DATA) {
                byte[] payload = Arrays.copyOfRange(stream, p + 3, p + 2 + length);
                sequenced.add(new String(payload, StandardCharsets.ISO_8859_1));
            }
            p += 2 + length;
        }
        return stream;
    }

    private static void packet(ByteArrayOutputStream out, byte type, byte[] payload) {
        int length = 1 + payload.length;
        out.write(length >>> 8);
        out.write(length);
        out.write(type);
        out.writeBytes(payload);
    }
}
