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
 * {@code replay} (as {@code --fix-port}, {@code --fix-bind}, ...: the same options under names that say what they
 * are for there); {@code capture} fills one from its settings ({@link FixSettings}, flags and config keys). One
 * place maps them onto {@link FixGatewayOptions}.
 */
final class FixServeOptions {
    @Option(names = {"--fix-port", "--port"}, paramLabel = "P",
            description = FixSettings.PORT_DOC)
    Integer port;

    @Option(names = {"--fix-bind", "--bind"}, defaultValue = FixGatewayOptions.DEFAULT_BIND, paramLabel = "ADDR",
            description = FixSettings.BIND_DOC + " (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = {"--fix-sender-comp-id", "--sender-comp-id"}, paramLabel = "ID",
            defaultValue = FixGatewayOptions.DEFAULT_SENDER_COMP_ID,
            description = FixSettings.SENDER_COMP_ID_DOC + " (default: ${DEFAULT-VALUE})")
    String senderCompId;

    @Option(names = {"--fix-allow", "--allow"}, split = ",", paramLabel = "ID,...",
            description = FixSettings.ALLOW_DOC + " (default: any)")
    List<String> allow;

    @Option(names = {"--fix-min-interval-ms", "--min-interval-ms"}, paramLabel = "MS",
            defaultValue = FixGatewayOptions.DEFAULT_MIN_INTERVAL_MS,
            description = FixSettings.MIN_INTERVAL_DOC + " (default: ${DEFAULT-VALUE})")
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
