package io.tickjournal.cli;

import io.tickjournal.feed.FeedMessages;
import io.tickjournal.feed.FeedServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickjournal feed}: serve a BinaryFILE as a live MoldUDP64 and/or SoupBinTCP feed. */
@Command(name = "feed", mixinStandardHelpOptions = true,
        description = {"Serve an ITCH BinaryFILE as a live feed: a MoldUDP64 stream (unicast or multicast) with a",
                "re-request server, and/or a SoupBinTCP 3.00 server. Runs until stopped (SIGTERM/SIGINT: exit 0),",
                "sending end-of-session heartbeats once every message is out."})
final class FeedCommand implements Callable<Integer> {
    @Option(names = "--itch", required = true, paramLabel = "FILE", description = "BinaryFILE to serve (plain or gzip)")
    Path itch;

    @Option(names = "--mold", paramLabel = "HOST:PORT",
            description = "send MoldUDP64 to this unicast or multicast address")
    String mold;

    @Option(names = "--interface", paramLabel = "IP",
            description = "local interface for multicast, and the address the re-request server binds")
    String iface;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "MSGS_PER_S",
            description = "messages per second; 0 sends as fast as possible (default: ${DEFAULT-VALUE})")
    long rate;

    @Option(names = "--session", defaultValue = "TICKJ00001", paramLabel = "NAME",
            description = "session name, up to 10 characters (default: ${DEFAULT-VALUE})")
    String session;

    @Option(names = "--request-port", paramLabel = "PORT",
            description = "serve MoldUDP64 re-requests on this UDP port (0: any free port); none when absent")
    Integer requestPort;

    @Option(names = "--drop-rate", defaultValue = "0", paramLabel = "P",
            description = "drop this fraction of downstream MoldUDP64 packets, for loss tests (default: "
                    + "${DEFAULT-VALUE})")
    double dropRate;

    @Option(names = "--drop-seed", defaultValue = "1", paramLabel = "S",
            description = "seed of the drops (default: ${DEFAULT-VALUE})")
    long dropSeed;

    @Option(names = "--soup", paramLabel = "HOST:PORT",
            description = "serve SoupBinTCP on this address (port 0: any free port)")
    String soup;

    @Option(names = "--heartbeat-ms", defaultValue = "1000", paramLabel = "MS",
            description = "heartbeat interval when idle (default: ${DEFAULT-VALUE})")
    long heartbeatMs;

    @Override
    public Integer call() throws InterruptedException {
        Cli.requirePositive("--heartbeat-ms", heartbeatMs);
        InetSocketAddress moldAddress = NetArgs.hostPort("--mold", mold);
        InetSocketAddress soupAddress = NetArgs.hostPort("--soup", soup);
        FeedServer.Options options = new FeedServer.Options(moldAddress, NetArgs.address("--interface", iface), rate,
                session, requestPort, dropRate, dropSeed, soupAddress, heartbeatMs);
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
}
