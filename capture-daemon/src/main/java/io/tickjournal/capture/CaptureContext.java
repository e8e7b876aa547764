package io.tickjournal.capture;

import io.tickjournal.config.SettingValues;
import io.tickjournal.journal.JournalRetention;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import static io.tickjournal.capture.CaptureSettings.ARCHIVE_DIR;
import static io.tickjournal.capture.CaptureSettings.CHECKPOINT_INTERVAL_MS;
import static io.tickjournal.capture.CaptureSettings.GAP_TIMEOUT_MS;
import static io.tickjournal.capture.CaptureSettings.IDLE;
import static io.tickjournal.capture.CaptureSettings.INTERFACE;
import static io.tickjournal.capture.CaptureSettings.JOURNAL;
import static io.tickjournal.capture.CaptureSettings.MAX_GAP;
import static io.tickjournal.capture.CaptureSettings.MAX_LAG;
import static io.tickjournal.capture.CaptureSettings.METRICS_PORT;
import static io.tickjournal.capture.CaptureSettings.MOLD;
import static io.tickjournal.capture.CaptureSettings.PASSWORD;
import static io.tickjournal.capture.CaptureSettings.PIN;
import static io.tickjournal.capture.CaptureSettings.RECONNECT_MS;
import static io.tickjournal.capture.CaptureSettings.REQUEST;
import static io.tickjournal.capture.CaptureSettings.RETAIN_BYTES;
import static io.tickjournal.capture.CaptureSettings.RETAIN_CYCLES;
import static io.tickjournal.capture.CaptureSettings.RETENTION_INTERVAL_MS;
import static io.tickjournal.capture.CaptureSettings.RETRANSMIT_MS;
import static io.tickjournal.capture.CaptureSettings.SESSION;
import static io.tickjournal.capture.CaptureSettings.SOUP;
import static io.tickjournal.capture.CaptureSettings.SOURCE_ID;
import static io.tickjournal.capture.CaptureSettings.STALL_MS;
import static io.tickjournal.capture.CaptureSettings.STATE;
import static io.tickjournal.capture.CaptureSettings.STATUS_INTERVAL_MS;
import static io.tickjournal.capture.CaptureSettings.USERNAME;
import static io.tickjournal.capture.CaptureSettings.WINDOW_MS;

/**
 * The capture daemon's settings as given (Aeron's Context pattern): typed values of {@link CaptureSettings},
 * each already checked on its own when it was set, and {@link #conclude()} which checks how they go together
 * (the required ones, exactly one feed) and derives the {@link CaptureDaemon.Settings} the daemon runs with.
 * Used on the thread that starts the daemon.
 */
public final class CaptureContext {
    private final SettingValues values;

    /** A context over {@code values}, which hold (at least) every one of {@link CaptureSettings#ALL}. */
    public CaptureContext(SettingValues values) {
        this.values = values;
    }

    /** A context over the capture settings alone. */
    public CaptureContext() {
        this(new SettingValues(CaptureSettings.SCOPE, CaptureSettings.ALL));
    }

    /** The values, to set from a file and flags. */
    public SettingValues values() {
        return values;
    }

    /**
     * The daemon's settings from these values; a missing required setting or a feed given twice or not at all
     * is refused naming the settings.
     */
    public CaptureDaemon.Settings conclude() {
        Path journal = values.required(JOURNAL);
        Path state = values.required(STATE);
        InetSocketAddress mold = values.get(MOLD);
        InetSocketAddress soup = values.get(SOUP);
        if ((mold == null) == (soup == null)) {
            throw CaptureDaemon.Settings.oneFeed();
        }
        String session = values.get(SESSION);
        MoldUdp64Ingestor.Options moldOptions = mold == null ? null : new MoldUdp64Ingestor.Options(mold,
                values.get(INTERFACE), values.get(REQUEST), session, values.get(RETRANSMIT_MS),
                values.get(GAP_TIMEOUT_MS), values.get(MAX_GAP));
        SoupBinTcpIngestor.Options soupOptions = soup == null ? null : new SoupBinTcpIngestor.Options(soup, session,
                values.get(USERNAME), values.get(PASSWORD), values.get(RECONNECT_MS));
        CaptureDaemon.Operations ops = new CaptureDaemon.Operations(values.get(METRICS_PORT).intValue(),
                values.get(STALL_MS), values.get(MAX_LAG),
                new JournalRetention.Policy(values.get(RETAIN_CYCLES).intValue(), values.get(RETAIN_BYTES),
                        values.get(ARCHIVE_DIR)),
                values.get(RETENTION_INTERVAL_MS), values.get(CHECKPOINT_INTERVAL_MS), values.get(IDLE));
        return new CaptureDaemon.Settings(journal, state, moldOptions, soupOptions, values.get(SOURCE_ID).intValue(),
                values.get(WINDOW_MS), values.get(PIN), values.get(STATUS_INTERVAL_MS), ops);
    }
}
