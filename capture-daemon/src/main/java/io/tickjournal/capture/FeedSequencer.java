package io.tickjournal.capture;

import io.tickjournal.journal.EpochClock;
import io.tickjournal.journal.JournalWriter;

import static io.tickjournal.capture.CaptureCounters.add;

/**
 * The one place that decides what an ingestor journals: messages strictly in feed sequence, each
 * sequence once. It holds the next sequence expected ({@link #next()}); an ingestor journals a
 * message only when its sequence is that one, drops anything below it as a duplicate, and either
 * recovers what lies between or gives up on it with {@link #gap}, which writes a gap record.
 *
 * <p>Resumes from a {@link JournalResume}: a capture restarted on the same session continues at
 * the sequence after the last one journaled. Thread-confined (the ingestor thread).
 */
public final class FeedSequencer {
    private final JournalWriter writer;
    private final CaptureCounters counters;
    private final JournalResume resume;
    private final String protocol;
    private String session;
    private long next;
    private boolean ended;

    /** @param protocol "mold" or "soup": the prefix of the session start description */
    public FeedSequencer(JournalWriter writer, CaptureCounters counters, JournalResume resume, String protocol) {
        this.writer = writer;
        this.counters = counters;
        this.resume = resume;
        this.protocol = protocol;
        this.next = resume.next();
    }

    /** The session being captured, null before {@link #begin}. */
    public String session() {
        return session;
    }

    /** The next sequence of the journal's last session (where a capture of that session resumes). */
    public long resumedNext() {
        return resume.next();
    }

    /** The session this capture would resume (from the journal), or null. */
    public String resumedSession() {
        return resume.session();
    }

    /**
     * Starts capturing {@code name}: the same session as the journal's last continues after its
     * last journaled sequence; another starts at sequence 1. A session start record is journaled
     * unless the session is already journaled as ended.
     */
    public void begin(String name, long receiveTimeNs) {
        session = name;
        if (name.equals(resume.session())) {
            next = resume.next();
            ended = resume.ended();
        } else {
            next = 1;
            ended = false;
        }
        if (!ended) {
            writer.appendSessionStart(protocol + ":" + name, receiveTimeNs, next);
            add(counters.recordsJournaled, 1);
        }
    }

    /** Whether a session has begun (its name is known). */
    public boolean begun() {
        return session != null;
    }

    /** Next feed sequence to journal. */
    public long next() {
        return next;
    }

    /** Whether the session has ended (its end was journaled, or it was journaled as ended before). */
    public boolean ended() {
        return ended;
    }

    /** Journals message {@link #next()}; the caller has checked the sequence. */
    public void journal(byte[] buffer, int offset, int length, long receiveTimeNs) {
        writer.appendMessage(buffer, offset, length, receiveTimeNs, next);
        if ((next & RECEIVE_TO_JOURNAL_SAMPLE_MASK) == 0) {
            counters.receiveToJournal.record(EpochClock.PROCESS.nowNs() - receiveTimeNs);
        }
        next++;
        add(counters.messagesJournaled, 1);
        add(counters.bytesJournaled, length);
        add(counters.recordsJournaled, 1);
        if (length >= TIMESTAMP_END) {
            counters.ingestEventTimeNs.lazySet(u48(buffer, offset + TIMESTAMP_END - 6));
        }
    }

    /** One message in 64 is timed for receive-to-journal: a clock read costs tens of ns, an append about 100. */
    private static final long RECEIVE_TO_JOURNAL_SAMPLE_MASK = 63;

    /** End of the ITCH header's 6-byte timestamp (type 1, locate 2, tracking 2, timestamp 6). */
    private static final int TIMESTAMP_END = 11;

    private static long u48(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    /** Gives up on sequences [next, until): writes a gap record and moves past them. */
    public void gap(long until, long receiveTimeNs) {
        if (until <= next) {
            return;
        }
        long count = until - next;
        writer.appendGap(next, count, receiveTimeNs);
        next = until;
        add(counters.gapsUnrecovered, 1);
        add(counters.sequencesLost, count);
        add(counters.recordsJournaled, 1);
    }

    /** The feed ended the session after sequence {@code next() - 1}: journaled once. */
    public void endOfSession(long receiveTimeNs) {
        if (!ended) {
            writer.appendSessionEnd(receiveTimeNs, next - 1);
            ended = true;
            add(counters.endsOfSession, 1);
            add(counters.recordsJournaled, 1);
        }
    }
}
