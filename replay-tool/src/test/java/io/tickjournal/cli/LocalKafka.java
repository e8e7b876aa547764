package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.kafka.CommittedPosition;
import io.tickjournal.kafka.KafkaClients;
import io.tickjournal.kafka.TopicAdmin;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kafka broker for the tests, started once per test JVM with {@code src/scripts/kafka-local}
 * (in a fresh directory under target/, on a free port) and stopped when the JVM's tests are done.
 */
final class LocalKafka implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
    static final Path SCRIPT = Path.of("..", "src", "scripts", "kafka-local").toAbsolutePath().normalize();
    static final Path DIR = Path.of("target", "kafka-test-broker").toAbsolutePath();
    private static volatile String bootstrap;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (bootstrap != null) {
            return;
        }
        deleteTree(DIR);
        bootstrap = start();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(LocalKafka.class.getName(), this);
    }

    /** HOST:PORT of the broker. */
    static String bootstrap() {
        return bootstrap;
    }

    /** Starts the broker (again, after {@link #stop}); the same directory keeps the same port. */
    static String start() throws IOException, InterruptedException {
        String out = script("start");
        // stderr is merged in: Maven's first-use classpath resolution may leave colour codes before the line.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bootstrap=(127\\.0\\.0\\.1:\\d+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("kafka-local start printed no bootstrap line: " + out);
        }
        return m.group(1);
    }

    /** Stops the broker. */
    static void stop() throws IOException, InterruptedException {
        script("stop");
    }

    private static String script(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(SCRIPT.toString(), command, "--dir", DIR.toString())
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("kafka-local " + command + " failed: "
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Throwable {
        stop();
        bootstrap = null;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The topic's last committed {@code tj-index} for a polling wait: -1 while the topic does not exist yet or the
     * broker (just restarted, on a loaded machine) does not answer within the client's timeout.
     */
    static long committed(KafkaClients clients, String topic, int partitions) {
        try {
            TopicAdmin.require(clients, topic);
            return CommittedPosition.lastIndex(clients, topic, partitions);
        } catch (TickjournalException | KafkaException e) {
            return -1;
        }
    }

    /** Lines of a command's output, without the first (a CSV header). */
    static List<String> rows(String csv) {
        return csv.lines().skip(1).toList();
    }
}
