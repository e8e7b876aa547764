package io.tickjournal.cli;

import io.tickjournal.generate.ItchDayGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stop signals through Agrona's ShutdownSignalBarrier ({@link StopSignal}), in real child JVMs: a
 * long-running command stops cleanly and exits 0 on SIGTERM and on SIGINT; a second signal while a
 * command is stopping, or a signal after it stopped listening, ends the JVM at once with 130.
 */
@Timeout(180)
class StopSignalTest {
    private static final List<Process> STARTED = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void killLeftovers() {
        STARTED.forEach(Process::destroyForcibly); // a failed test leaves no child behind
        STARTED.clear();
    }

    @Test
    @DisplayName("feed: SIGTERM stops it cleanly (exit 0, its stopping line); so does SIGINT")
    void aSignalStopsACommandCleanly() throws Exception {
        Path itch = tmp.resolve("day.itch");
        new ItchDayGenerator(5, 1_000, 7).writeBinaryFile(itch);
        for (String signal : List.of("TERM", "INT")) {
            Child c = Child.start(tmp.resolve("feed-" + signal + ".log"), TickjournalCommand.class.getName(),
                    "feed", "--itch", itch.toString(), "--soup", "127.0.0.1:0");
            c.awaitLine("SoupBinTCP on TCP port");
            assertEquals(0, c.signal(signal), "SIG" + signal + " exits 0: " + c.log());
            assertTrue(c.log().contains("feed: stopping: "), c.log());
        }
    }

    @Test
    @DisplayName("a second signal while a command stops (a stop that hangs) ends the JVM at once with 130")
    void aSecondSignalEndsTheJvm() throws Exception {
        Child c = Child.start(tmp.resolve("hang.log"), HangingStop.class.getName(), "listen");
        c.awaitLine("listening");
        c.process().process().destroy(); // SIGTERM, not waiting: the stop hangs
        c.awaitLine("stop requested");
        assertEquals(StopSignal.EXIT_INTERRUPTED, c.signal("TERM"), c.log());
        assertTrue(c.log().contains("tickjournal: signal while stopping: exiting now"), c.log());
    }

    @Test
    @DisplayName("a signal after the command stopped listening ends the JVM with 130 (not ignored)")
    void aSignalWithNobodyListeningEndsTheJvm() throws Exception {
        Child c = Child.start(tmp.resolve("closed.log"), HangingStop.class.getName(), "close");
        c.awaitLine("closed");
        assertEquals(StopSignal.EXIT_INTERRUPTED, c.signal("INT"), c.log());
    }

    /** A command whose stop hangs: listens, and after the stop request (or at once, with "close") sleeps. */
    public static final class HangingStop {
        public static void main(String[] args) throws InterruptedException {
            StopSignal stop = StopSignal.listen();
            if ("close".equals(args[0])) {
                stop.close();
                System.out.println("closed");
            } else {
                System.out.println("listening");
                stop.await();
                System.out.println("stop requested");
            }
            System.out.flush();
            Thread.sleep(120_000); // bounded: the test's second signal ends it long before
        }
    }

    /** A child JVM as CaptureProcessTest starts one (the POM's JVM flags, output in a log file), and its signals. */
    private record Child(CaptureProcessTest.Capture process) {
        static Child start(Path log, String mainClass, String... args) throws IOException {
            CaptureProcessTest.Capture c = CaptureProcessTest.Capture.start(mainClass, List.of(args), log);
            STARTED.add(c.process());
            return new Child(c);
        }

        void awaitLine(String text) throws InterruptedException {
            CaptureProcessTest.await("'" + text + "' in the child's log", 60_000,
                    () -> log().contains(text) || !process.process().isAlive());
            assertTrue(process.process().isAlive(), "the child ended early: " + log());
        }

        /** Sends SIG{@code name} (TERM or INT); returns the exit code (bounded wait). */
        int signal(String name) throws IOException, InterruptedException {
            return "TERM".equals(name) ? process.terminate() : process.interrupt();
        }

        String log() {
            return process.log();
        }
    }
}
