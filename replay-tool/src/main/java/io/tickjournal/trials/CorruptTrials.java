package io.tickjournal.trials;

import io.tickjournal.TickjournalException;
import io.tickjournal.cli.TickjournalCommand;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.JournalAppendCheck;
import io.tickjournal.journal.JournalRecordHandler;
import net.openhft.chronicle.bytes.RandomDataInput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * The in-process harness of {@code src/scripts/corrupt-trials}: {@code prepare WORK MESSAGES}
 * generates and imports a day into {@code WORK/journal} and records what a replay of it reads;
 * {@code run WORK SEED FIRST COUNT} runs trials {@code FIRST .. FIRST+COUNT-1}, each one damage
 * ({@link Damage}, round-robin over the kinds, drawn from seed and trial number) followed by
 * {@code tickjournal verify}, {@code tickjournal replay} (both through the CLI's own entry point,
 * output captured) and the appenders' check, then the clean files put back.
 *
 * <p>One line per trial on stdout, tab-separated: trial, kind, damage, verify exit, replay exit,
 * whether the replay's reader saw the clean record sequence, whether appending was refused, a
 * stack trace seen (0/1), and the verdict: {@code detected}, {@code harmless} (nothing a reader
 * sees changed and both passed) or {@code SILENT}. A "start N" line precedes each trial, so the
 * script can name the trial of a JVM that died. Not thread-safe; one trial at a time.
 */
public final class CorruptTrials {
    private final Path work;
    private final TrialJournal journal;
    private final String cleanSequence;

    private CorruptTrials(Path work) throws IOException {
        this.work = work;
        this.journal = new TrialJournal(work.resolve("journal"));
        Properties p = new Properties();
        try (var in = Files.newInputStream(work.resolve("clean.properties"))) {
            p.load(in);
        }
        this.cleanSequence = p.getProperty("sequence");
    }

    /** Entry point; see the class comment for the arguments. Exit 2 on bad usage. */
    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("prepare")) {
            prepare(Path.of(args[1]), Long.parseLong(args[2]));
        } else if (args.length == 5 && args[0].equals("run")) {
            new CorruptTrials(Path.of(args[1])).run(Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
        } else {
            System.err.println("usage: CorruptTrials prepare WORK MESSAGES | run WORK SEED FIRST COUNT");
            System.exit(2);
        }
        System.exit(0);
    }

    private static void prepare(Path work, long messages) throws IOException {
        Files.createDirectories(work);
        Path day = work.resolve("day.itch");
        Captured g = Captured.run("generate", "--messages", Long.toString(messages), "--symbols", "20", "--seed", "7",
                "--out", day.toString());
        Captured i = Captured.run("import", "--itch", day.toString(), "--journal", work.resolve("journal").toString());
        Captured v = Captured.run("verify", "--journal", work.resolve("journal").toString());
        if (g.exit != 0 || i.exit != 0 || v.exit != 0) {
            throw new TickjournalException("preparing the clean journal failed: " + g.text + i.text + v.text);
        }
        Properties p = new Properties();
        p.setProperty("sequence", sequence(work.resolve("journal")));
        try (var out = Files.newOutputStream(work.resolve("clean.properties"))) {
            p.store(out, "what a replay of the clean journal reads");
        }
        System.out.println("prepared " + work.resolve("journal") + ": " + p.getProperty("sequence"));
    }

    private void run(long seed, int first, int count) throws IOException {
        Damage[] kinds = Damage.values();
        for (int t = first; t < first + count; t++) {
            System.out.println("start " + t);
            System.out.flush();
            Damage kind = kinds[t % kinds.length];
            journal.restore();
            String what = kind.apply(journal, new SplittableRandom(seed * 1_000_003L + t));
            String seen = sequence(journal.dir);
            long t0 = System.nanoTime();
            Captured verify = Captured.run("verify", "--journal", journal.dir.toString());
            long t1 = System.nanoTime();
            // A small day: size the order and trade indexes for it, not for the default million.
            Captured replay = Captured.run("replay", "--journal", journal.dir.toString(), "--state",
                    work.resolve("state").toString(), "--pin", "off", "--expected-orders", "65536",
                    "--expected-trades", "65536");
            long t2 = System.nanoTime();
            String refusal = JournalAppendCheck.refusal(journal.dir);
            long t3 = System.nanoTime();
            boolean same = cleanSequence.equals(seen);
            boolean trace = verify.trace() || replay.trace();
            boolean stoppedShort = replay.text.contains("stopped before the written end");
            boolean silent = verify.exit == 0 && (!same || replay.exit != 0) || replay.exit == 0 && !same
                    || refusal == null && stoppedShort;
            String verdict = silent ? "SILENT" : verify.exit == 0 && replay.exit == 0 ? "harmless" : "detected";
            System.out.printf("trial\t%d\t%s\t%s\t%d\t%d\t%s\t%s\t%d\t%s\t%d/%d/%d ms%n", t, kind, what, verify.exit,
                    replay.exit, same ? "same" : "differs", refusal == null ? "allowed" : "refused", trace ? 1 : 0,
                    verdict, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            if (silent || trace) {
                System.out.println("detail\t" + t + "\t" + (verify.text + replay.text).replace('\n', '|'));
            }
            System.out.flush();
        }
        journal.restore();
    }

    /**
     * What a replay's reader sees: the records {@link CycleFileReader} hands out (index, kind,
     * sequence, payload hash) and the bad ones it counts, as one string; "unreadable: why" when
     * the reader gives up with an error.
     */
    static String sequence(Path dir) {
        Fingerprint f = new Fingerprint();
        try (CycleFileReader r = new CycleFileReader(dir, true)) {
            while (r.poll(f, 1024) > 0) {
                // reading to the end of what is written
            }
            return f.records + " records, " + r.checksumFailures() + " checksum failures, " + r.malformedRecords()
                    + " malformed, hash " + Long.toHexString(f.hash);
        } catch (TickjournalException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** Folds every record the reader hands out into one hash. */
    private static final class Fingerprint implements JournalRecordHandler {
        long records;
        long hash = 17;

        private void add(long v) {
            hash = hash * 1_000_003L + v;
        }

        @Override
        public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs,
                              long sequence) {
            records++;
            add(index);
            add(sequence);
            add(receiveTimeNs);
            for (int i = 0; i < length; i++) {
                add(buffer.readByte(offset + i));
            }
        }

        @Override
        public void onGap(long firstMissing, long count, long index) {
            records++;
            add(index);
            add(-firstMissing);
            add(count);
        }

        @Override
        public void onSessionStart(String description, long firstSequence, long index) {
            records++;
            add(index);
            add(description.hashCode());
            add(firstSequence);
        }

        @Override
        public void onSessionEnd(long lastSequence, long index) {
            records++;
            add(index);
            add(-lastSequence);
        }
    }

    /** One CLI command run in-process with stdout and stderr captured. */
    private record Captured(int exit, String text) {
        static Captured run(String... args) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            int exit;
            try {
                exit = TickjournalCommand.execute(args);
            } catch (Throwable t) {
                t.printStackTrace(capture);
                exit = -1;
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            return new Captured(exit, buffer.toString(StandardCharsets.UTF_8));
        }

        /** A Java stack trace or an internal error in the output. */
        boolean trace() {
            return text.contains("\tat ") || text.contains("Exception") || text.contains("internal error") || exit < 0;
        }
    }
}
