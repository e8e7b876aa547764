package io.tickjournal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickjournal.capture.JournalResume;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.feed.FeedMessages;
import io.tickjournal.feed.FeedServer;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.kafka.KafkaClients;
import io.tickjournal.replay.Replayer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Kafka while the journal is being written, with a real broker ({@link LocalKafka}): {@code capture --kafka} from
 * the feed simulator with the broker away at the start, and live bars of {@code publish --follow --bars-topic} and
 * {@code replay --kafka --follow --bars-topic} on a journal written in two halves.
 */
@ExtendWith(LocalKafka.class)
@Timeout(300)
class KafkaLiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Child processes started by a test: killed after it whatever its outcome, so none outlives a failure. */
    private final List<CaptureProcessTest.Capture> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (CaptureProcessTest.Capture child : children) {
            if (child.process().isAlive()) {
                child.kill();
            }
        }
    }

    private CaptureProcessTest.Capture child(List<String> args, Path log) throws IOException {
        CaptureProcessTest.Capture c = CaptureProcessTest.Capture.start(args, log);
        children.add(c);
        return c;
    }

    @Test
    @DisplayName("capture --kafka, broker away at start: journaling goes on, said once; mirror digest = journal's, "
            + "bars topic = state's bars")
    void capturePublishesWhatItJournals() throws Exception {
        Path itch = tmp.resolve("day.itch");
        new ItchDayGenerator(20, 30_000, 97).writeBinaryFile(itch);
        FeedMessages feed = FeedMessages.load(itch);
        Path journal = tmp.resolve("journal");
        Path state = tmp.resolve("state");
        int moldPort = CaptureProcessTest.freeUdpPort();
        int requestPort = CaptureProcessTest.freeUdpPort();
        String topic = "capture-live";
        String bars = "capture-bars";
        KafkaClients clients = new KafkaClients(LocalKafka.bootstrap(), null);
        // --kafka-config passes client properties: a connect attempt gives up after 3 s instead of 10
        Path kafkaConfig = tmp.resolve("kafka.properties");
        Files.writeString(kafkaConfig, "max.block.ms=3000\n");
        LocalKafka.stop();
        CaptureProcessTest.Capture c = child(List.of("capture", "--journal",
                journal.toString(), "--state", state.toString(), "--mold", "127.0.0.1:" + moldPort, "--request",
                "127.0.0.1:" + requestPort, "--gap-timeout-ms", "60000", "--pin", "off", "--window-ms", "50",
                "--kafka", LocalKafka.bootstrap(), "--topic", topic, "--partitions", "2", "--bars-topic", bars,
                "--kafka-config", kafkaConfig.toString()),
                tmp.resolve("capture.log"));
        try (FeedServer server = new FeedServer(feed, new FeedServer.Options(new InetSocketAddress(
                CaptureProcessTest.LOOPBACK, moldPort), null, 15_000, "KAFKAFEED", requestPort, 0.01, 5, null, 200),
                System.err::println).start()) {
            c.awaitStarted();
            CaptureProcessTest.awaitJournaled(journal, 10_000);
            CaptureProcessTest.await("the publisher to notice the broker away", 60_000,
                    () -> c.log().contains("unavailable"));
            LocalKafka.start();
            CaptureProcessTest.await("the session end journaled", 240_000, () -> JournalResume.scan(journal).ended());
            List<Long> indexes = KafkaBridgeTest.journalIndexes(journal);
            long end = indexes.get(indexes.size() - 1);
            CaptureProcessTest.await("the journal's end published", 120_000,
                    () -> LocalKafka.committed(clients, topic, 2) >= end);
            assertEquals(0, c.terminate(), c.log());
        }
        String log = c.log();
        assertEquals(1, log.lines().filter(l -> l.contains("publish: kafka") && l.contains("unavailable")).count(),
                log);
        assertTrue(log.contains("publish: kafka " + LocalKafka.bootstrap() + " back; resuming after index -1"), log);
        KafkaBridgeTest.assertTopicHoldsJournalOnce(topic, 2, journal);
        Path mirror = tmp.resolve("mirror");
        CommandLineTest.Run m = CommandLineTest.run("mirror", "--kafka", LocalKafka.bootstrap(), "--topic", topic,
                "--journal", mirror.toString());
        assertEquals(0, m.exit(), m.err());
        assertEquals(digest(journal), digest(mirror));
        List<String> stateBars = barsCsv(state);
        assertFalse(stateBars.isEmpty(), "the capture closed bars");
        assertEquals(stateBars, barsTopic(bars));
    }

    @Test
    @DisplayName("publish --follow and replay --kafka --follow with --bars-topic: bars before the journal's end, "
            + "at the end equal to the state's")
    void followingBarsAreLive() throws Exception {
        Path itch = tmp.resolve("day.itch");
        new ItchDayGenerator(20, 40_000, 96).writeBinaryFile(itch);
        FeedMessages feed = FeedMessages.load(itch);
        Path journal = tmp.resolve("journal");
        int half = feed.count() / 2;
        append(journal, feed, 1, half, true);
        String topic = "follow-live";
        Path publishState = tmp.resolve("publish-state");
        Path memberState = tmp.resolve("member-state");
        CaptureProcessTest.Capture publish = child(List.of("publish", "--journal",
                journal.toString(), "--kafka", LocalKafka.bootstrap(), "--topic", topic, "--partitions", "2",
                "--follow", "--bars-topic", "publish-bars", "--state", publishState.toString()),
                tmp.resolve("publish.log"));
        KafkaClients clients = new KafkaClients(LocalKafka.bootstrap(), null);
        // a member needs the topic: the publisher creates it at its first connect
        CaptureProcessTest.await("the topic created", 120_000, () -> !publish.process().isAlive()
                || LocalKafka.committed(clients, topic, 2) >= 0);
        CaptureProcessTest.Capture member = child(List.of("replay", "--kafka",
                LocalKafka.bootstrap(), "--topic", topic, "--follow", "--bars-topic", "member-bars", "--state",
                memberState.toString(), "--window-ms", "100"), tmp.resolve("member.log"));
        CaptureProcessTest.await("bars of the first half on both bars topics", 180_000, () -> !publish.process()
                .isAlive() || !member.process().isAlive() || LocalKafka.committed(clients, "publish-bars", 1) >= 0
                && LocalKafka.committed(clients, "member-bars", 1) >= 0);
        assertTrue(publish.process().isAlive() && member.process().isAlive(), publish.log() + member.log());
        append(journal, feed, half + 1, feed.count(), false);
        List<Long> indexes = KafkaBridgeTest.journalIndexes(journal);
        long end = indexes.get(indexes.size() - 1);
        CaptureProcessTest.await("the journal's end published", 120_000,
                () -> LocalKafka.committed(clients, topic, 2) >= end);
        Path reference = tmp.resolve("reference");
        assertEquals(0, CommandLineTest.run("replay", "--journal", journal.toString(), "--state", reference.toString())
                .exit());
        List<String> full = barsCsv(reference);
        assertFalse(full.isEmpty());
        CaptureProcessTest.await("every bar of the day on both bars topics", 120_000,
                () -> LocalKafka.committed(clients, "publish-bars", 1) >= full.size() - 1
                        && LocalKafka.committed(clients, "member-bars", 1) >= full.size() - 1);
        assertEquals(0, publish.terminate(), publish.log());
        assertEquals(143, member.terminate(), "a following replay stopped by SIGTERM: " + member.log());
        assertTrue(publish.log().contains("bars topic    publish-bars: "), publish.log());
        assertEquals(full, barsCsv(publishState), "the following replay closes the bars of a replay of the day");
        assertEquals(full, barsTopic("publish-bars"));
        assertEquals(full, barsCsv(memberState), "the member of every partition closes the same bars");
        assertEquals(full, barsTopic("member-bars"));
    }

    /** Journals feed sequences {@code from..to} (a session start before the first half, the end after the last). */
    private static void append(Path journal, FeedMessages feed, int from, int to, boolean first) {
        try (SingleChronicleQueue q = Journal.openForWrite(journal); JournalWriter w = new JournalWriter(q, 0)) {
            long now = System.currentTimeMillis() * 1_000_000L;
            if (first) {
                w.appendSessionStart("LIVEBARS", now, from);
            }
            for (int seq = from; seq <= to; seq++) {
                w.appendMessage(feed.data(), feed.offset(seq), feed.length(seq), now + seq, seq);
            }
            if (!first) {
                w.appendSessionEnd(now + to + 1, to);
            }
        }
    }

    private String digest(Path journal) {
        return Replayer.run(new Replayer.Options(journal, tmp.resolve("digest-" + journal.getFileName()), 100,
                CorePinning.Mode.OFF, true), line -> { }).digest();
    }

    private static List<String> barsCsv(Path state) {
        CommandLineTest.Run r = CommandLineTest.run("bars", "--state", state.toString(), "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        return LocalKafka.rows(r.out());
    }

    /** The bars topic's records (read_committed, in order) as the CSV rows of {@code bars --format csv}. */
    private static List<String> barsTopic(String topic) throws IOException {
        List<String> rows = new ArrayList<>();
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaClients(LocalKafka.bootstrap(), null).committedReader()) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long endOffset = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (c.position(tp) < endOffset && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    JsonNode bar = JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
                    List<String> cells = new ArrayList<>();
                    for (Iterator<JsonNode> it = bar.elements(); it.hasNext(); ) {
                        cells.add(it.next().asText());
                    }
                    rows.add(String.join(",", cells));
                }
            }
        }
        return rows;
    }
}
