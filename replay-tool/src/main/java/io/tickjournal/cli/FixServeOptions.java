package io.tickjournal.cli;

import io.tickjournal.fix.FixGateway;
import io.tickjournal.fix.FixGatewayOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The FIX publisher's options, shared by {@code fix-serve} (as {@code --port}, {@code --bind}, ...) and by
 * {@code replay} and {@code capture} (as {@code --fix-port}, {@code --fix-bind}, ...: the same options under
 * names that say what they are for there). One place maps them onto {@link FixGatewayOptions}.
 */
final class FixServeOptions {
    @Option(names = {"--fix-port", "--port"}, paramLabel = "P",
            description = "serve the state over FIX 4.4 on this TCP port (0: any free port, printed)")
    Integer port;

    @Option(names = {"--fix-bind", "--bind"}, defaultValue = FixGatewayOptions.DEFAULT_BIND, paramLabel = "ADDR",
            description = "FIX: address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = {"--fix-sender-comp-id", "--sender-comp-id"}, paramLabel = "ID",
            defaultValue = FixGatewayOptions.DEFAULT_SENDER_COMP_ID,
            description = "FIX: our SenderCompID; clients send it as TargetCompID (default: ${DEFAULT-VALUE})")
    String senderCompId;

    @Option(names = {"--fix-allow", "--allow"}, split = ",", paramLabel = "ID,...",
            description = "FIX: SenderCompIDs allowed to log on; others get a Logout saying why (default: any)")
    List<String> allow;

    @Option(names = {"--fix-min-interval-ms", "--min-interval-ms"}, defaultValue = "0", paramLabel = "MS",
            description = "FIX: at most one incremental refresh per symbol and subscription this often; "
                    + "0 sends every change the state shows (default: ${DEFAULT-VALUE})")
    long minIntervalMs;

    /** True when a port was given (the publisher is wanted). */
    boolean enabled() {
        return port != null;
    }

    /** Starts a publisher of {@code state}; says where it listens. Call only when {@link #enabled()}. */
    FixGateway start(Path state, Consumer<String> say) {
        Set<String> allowed = new LinkedHashSet<>();
        if (allow != null) {
            allow.forEach(id -> allowed.add(id.trim()));
        }
        FixGateway gw = new FixGateway(new FixGatewayOptions(state, bind, port, senderCompId, allowed, minIntervalMs),
                say).start();
        say.accept("fix: serving " + state + " over FIX 4.4 on " + bind + ":" + gw.port() + " as " + senderCompId
                + (allowed.isEmpty() ? "" : " to " + String.join(",", allowed)));
        return gw;
    }
}
