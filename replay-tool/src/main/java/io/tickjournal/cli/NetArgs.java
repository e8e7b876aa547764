package io.tickjournal.cli;

import io.tickjournal.TickjournalException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parsing of network arguments ({@code HOST:PORT}, host names). Stop signals: {@link StopSignal}. */
final class NetArgs {
    private NetArgs() {
    }

    /** Parses {@code HOST:PORT}; the port may be 0 only when {@code ephemeralOk}. */
    static InetSocketAddress hostPort(String option, String value) {
        if (value == null) {
            return null;
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new TickjournalException(option + " must be HOST:PORT, got '" + value + "'");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new TickjournalException(option + ": port must be a number, got '" + value.substring(colon + 1)
                    + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new TickjournalException(option + ": port must be 0..65535, got " + port);
        }
        return new InetSocketAddress(address(option, value.substring(0, colon)), port);
    }

    static InetAddress address(String option, String host) {
        if (host == null) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new TickjournalException(option + ": unknown host '" + host + "'");
        }
    }
}
