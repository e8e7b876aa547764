package io.tickjournal.capture;

import io.tickjournal.journal.JournalRetention;
import io.tickjournal.metrics.Health;
import io.tickjournal.metrics.IngestionHealth;
import io.tickjournal.metrics.MetricsServer;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The capture host's metrics and health check (docs/operations.md lists them): every metric
 * reads a {@link CaptureCounters} counter at scrape time; {@code /healthz} applies
 * {@link IngestionHealth} (stalled ingestion or a lagging tailer).
 */
final class CaptureMetrics {
    private CaptureMetrics() {
    }

    static MetricsServer serve(CaptureDaemon daemon, CaptureDaemon.Operations ops) {
        CaptureCounters c = daemon.counters();
        IngestionHealth health = new IngestionHealth(c.messagesJournaled::get, daemon::sessionOpen, c::tailerLag,
                TimeUnit.MILLISECONDS.toNanos(ops.stallMs()), ops.maxLagRecords(), System::nanoTime);
        // A full disk stops ingestion whatever the stall rule says (docs/reliability.md, "Disk full").
        Supplier<Health> healthz = () -> daemon.diskFull() != null ? Health.unhealthy(daemon.diskFull())
                : health.evaluate();
        return MetricsServer.builder()
                .counter("tickjournal_messages_journaled", "ITCH messages appended to the journal by this process",
                        c.messagesJournaled::get)
                .counter("tickjournal_bytes_journaled", "bytes of ITCH messages appended to the journal",
                        c.bytesJournaled::get)
                .counter("tickjournal_records_journaled",
                        "journal records of every kind appended (messages, gaps, session marks)",
                        c.recordsJournaled::get)
                .counter("tickjournal_packets", "feed packets received, good or bad", c.packets::get)
                .counter("tickjournal_duplicates", "messages received again for sequences already journaled (dropped)",
                        c.duplicates::get)
                .counter("tickjournal_gaps_detected", "gaps in the feed sequence noticed", c.gapsDetected::get)
                .counter("tickjournal_gaps_recovered", "gaps filled completely by retransmissions",
                        c.gapsRecovered::get)
                .counter("tickjournal_gaps_unrecovered", "gaps written to the journal as gap records",
                        c.gapsUnrecovered::get)
                .counter("tickjournal_sequences_lost", "feed sequences covered by gap records", c.sequencesLost::get)
                .counter("tickjournal_rerequests",
                        "re-request packets sent (MoldUDP64) and logins with a sequence (SoupBinTCP)",
                        c.reRequests::get)
                .counter("tickjournal_malformed_packets", "malformed packets of every kind (short, bad lengths, wrong "
                        + "session, impossible sequence, protocol)", c::malformed)
                .counter("tickjournal_connections", "SoupBinTCP connections made, reconnects included",
                        c.connections::get)
                .counter("tickjournal_retention_cycles_removed", "cycle files deleted or archived by retention",
                        daemon::cyclesRemoved)
                .gauge("tickjournal_tailer_lag_records", "journal records not yet applied by the tailer", c::tailerLag)
                .gauge("tickjournal_tailer_lag_event_ns", "ITCH event time of the last journaled message minus the "
                        + "tailer's, in ns", c::tailerLagEventNs)
                .gauge("tickjournal_tailer_index", "journal index of the last record the tailer applied",
                        c.tailerIndex::get)
                .counter("tickjournal_checkpoints", "tailer checkpoints written by this process", c.checkpoints::get)
                .counter("tickjournal_checkpoint_failures", "checkpoints that could not be written (capture went on)",
                        c.checkpointFailures::get)
                .gauge("tickjournal_checkpoint_index", "journal index of the last record the newest checkpoint covers "
                        + "(-1: none yet); a restart resumes after it", c.checkpointIndex::get)
                .gauge("tickjournal_checkpoint_duration_ns", "time the last checkpoint took to write, ns",
                        c.checkpointNanos::get)
                .gauge("tickjournal_checkpoint_bytes", "size of the last checkpoint written", c.checkpointBytes::get)
                .gauge("tickjournal_journal_disk_bytes", "bytes of cycle files in the journal directory",
                        () -> JournalRetention.diskBytes(daemon.settings().journal()))
                .gauge("tickjournal_session_open", "1 while the feed session is open (journaling), else 0",
                        () -> daemon.sessionOpen() ? 1 : 0)
                .gauge("tickjournal_receive_to_map_p99_ns", "99th percentile since start of the time from a packet's "
                        + "receive to its effect in the state map (1 message in 64)",
                        () -> daemon.receiveToMap().getValueAtPercentile(99))
                .counter("tickjournal_disk_full_stops", "times ingestion paused for lack of space on the journal's "
                        + "file system (resumed once space is freed)", c.diskFullStops::get)
                .gauge("tickjournal_healthy", "1 while /healthz answers 200 ok, 0 while it answers 503",
                        () -> healthz.get().healthy() ? 1 : 0)
                .histogram("tickjournal_receive_to_journal_seconds", "time from a packet's receive to its message "
                        + "appended to the journal (1 message in 64)", c.receiveToJournal::total)
                .histogram("tickjournal_receive_to_map_seconds", "time from a packet's receive to its effect in the "
                        + "state map (live messages, 1 in 64)", daemon::receiveToMap)
                .histogram("tickjournal_tailer_lag_seconds", "ITCH event time of the last journaled message minus the "
                        + "tailer's, sampled after each batch the tailer applies", c.tailerLagTime::total)
                .health(healthz)
                .start(ops.metricsPort());
    }
}
