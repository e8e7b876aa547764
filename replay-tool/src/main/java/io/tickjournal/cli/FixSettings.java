package io.tickjournal.cli;

import io.tickjournal.capture.CaptureSettings;
import io.tickjournal.config.Setting;
import io.tickjournal.config.SettingValues;
import io.tickjournal.fix.FixGatewayOptions;

import java.util.List;

import static io.tickjournal.config.SettingTypes.LIST;
import static io.tickjournal.config.SettingTypes.NON_BLANK;
import static io.tickjournal.config.SettingTypes.millis;
import static io.tickjournal.config.SettingTypes.whole;

/**
 * The in-process FIX publisher's settings of {@code capture} (config-file keys and flags {@code fix-port},
 * {@code fix-bind}, ...), defined once here with the defaults of {@link FixGatewayOptions}; mapped onto the
 * {@link FixServeOptions} that start the publisher, as {@code replay --fix-port} and {@code fix-serve} do (their
 * options' docs are the ones here).
 */
final class FixSettings {
    /** What the port is for; also the doc of {@link FixServeOptions}' {@code --port}. */
    static final String PORT_DOC = "serve the state over FIX 4.4 on this TCP port (0: any free port, printed)";
    /** What the address is for. */
    static final String BIND_DOC = "FIX: address to listen on";
    /** What the CompID is for. */
    static final String SENDER_COMP_ID_DOC = "FIX: our SenderCompID; clients send it as TargetCompID";
    /** What the allow-list is for. */
    static final String ALLOW_DOC = "FIX: SenderCompIDs allowed to log on; others get a Logout saying why";
    /** What the minimum interval is for. */
    static final String MIN_INTERVAL_DOC = "FIX: at most one incremental refresh per symbol and subscription this "
            + "often; 0 sends every change the state shows";

    /** The port; absent: no publisher. */
    static final Setting<Long> PORT = Setting.of(CaptureSettings.SCOPE, "fix-port", "P", whole(0, 65_535), null,
            "off", PORT_DOC);
    /** The listening address. */
    static final Setting<String> BIND = Setting.of(CaptureSettings.SCOPE, "fix-bind", "ADDR", NON_BLANK,
            FixGatewayOptions.DEFAULT_BIND, BIND_DOC);
    /** Our CompID. */
    static final Setting<String> SENDER_COMP_ID = Setting.of(CaptureSettings.SCOPE, "fix-sender-comp-id", "ID",
            NON_BLANK, FixGatewayOptions.DEFAULT_SENDER_COMP_ID, SENDER_COMP_ID_DOC);
    /** Who may log on. */
    static final Setting<List<String>> ALLOW = Setting.of(CaptureSettings.SCOPE, "fix-allow", "ID,...", LIST, "",
            "any", ALLOW_DOC + " (comma-separated; quoted in the file: \"A,B\")");
    /** Refresh coalescing. */
    static final Setting<Long> MIN_INTERVAL_MS = Setting.of(CaptureSettings.SCOPE, "fix-min-interval-ms", "MS",
            millis(0), FixGatewayOptions.DEFAULT_MIN_INTERVAL_MS, MIN_INTERVAL_DOC);

    /** Every FIX setting, in the order of help and docs. */
    static final List<Setting<?>> ALL = List.of(PORT, BIND, SENDER_COMP_ID, ALLOW, MIN_INTERVAL_MS);

    private FixSettings() {
    }

    /** The publisher's options from {@code values}; {@link FixServeOptions#enabled()} when a port was given. */
    static FixServeOptions options(SettingValues values) {
        FixServeOptions fix = new FixServeOptions();
        Long port = values.get(PORT);
        fix.port = port == null ? null : port.intValue();
        fix.bind = values.get(BIND);
        fix.senderCompId = values.get(SENDER_COMP_ID);
        fix.allow = values.get(ALLOW);
        fix.minIntervalMs = values.get(MIN_INTERVAL_MS);
        return fix;
    }
}
