package io.tickjournal.cli;

import io.tickjournal.config.SettingValues;
import io.tickjournal.feed.FeedMessages;
import io.tickjournal.feed.FeedServer;
import io.tickjournal.feed.FeedSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tickjournal feed}: serve a BinaryFILE as a live MoldUDP64 and/or SoupBinTCP feed. Its settings
 * ({@link FeedSettings}) are options {@code --key VALUE} and keys of the {@code --config FILE} (flat YAML); a
 * flag wins over the file.
 */
@Command(name = "feed", mixinStandardHelpOptions = true, modelTransformer = FeedCommand.Options.class,
        description = {"Serve an ITCH BinaryFILE as a live feed: a MoldUDP64 stream (unicast or multicast) with a",
                "re-request server, and/or a SoupBinTCP 3.00 server. Runs until stopped (SIGTERM/SIGINT: exit 0),",
                "sending end-of-session heartbeats once every message is out.",
                "Every option below is also a key of the --config file; a flag wins over the file."})
final class FeedCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML settings (keys as the options below, e.g. 'rate: 50000')")
    Path config;

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SettingValues values = SettingOptions.read(spec, config, new SettingValues(FeedSettings.SCOPE,
                FeedSettings.ALL));
        Path itch = values.required(FeedSettings.ITCH);
        InetSocketAddress moldAddress = values.get(FeedSettings.MOLD);
        Long requestPort = values.get(FeedSettings.REQUEST_PORT);
        String session = values.get(FeedSettings.SESSION);
        FeedServer.Options options = new FeedServer.Options(moldAddress, values.get(FeedSettings.INTERFACE),
                values.get(FeedSettings.RATE), session, requestPort == null ? null : requestPort.intValue(),
                values.get(FeedSettings.DROP_RATE), values.get(FeedSettings.DROP_SEED), values.get(FeedSettings.SOUP),
                values.get(FeedSettings.HEARTBEAT_MS));
        FeedMessages messages = FeedMessages.load(itch);
        StopSignal stop = StopSignal.listen();
        try (FeedServer server = new FeedServer(messages, options, System.err::println).start()) {
            System.err.printf("feed: %,d messages of %s, session %s%s%s%s%n", messages.count(), itch, session,
                    moldAddress == null ? "" : ", MoldUDP64 to " + moldAddress,
                    server.requestPort() < 0 ? "" : ", re-requests on UDP port " + server.requestPort(),
                    server.soupPort() < 0 ? "" : ", SoupBinTCP on TCP port " + server.soupPort());
            while (!stop.await(1000)) {
                // serving until stopped
            }
            System.err.printf(
                    "feed: stopping: %,d messages published, %,d packets sent, %,d dropped, %,d re-requests served%n",
                    server.published(), server.packetsSent(), server.packetsDropped(), server.requestsServed());
        } finally {
            stop.close();
        }
        return TickjournalCommand.OK;
    }

    /** Adds an option for each of {@link FeedSettings#ALL} (picocli calls it once, building the command). */
    static final class Options implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec commandSpec) {
            return SettingOptions.add(commandSpec, FeedSettings.ALL);
        }
    }
}
