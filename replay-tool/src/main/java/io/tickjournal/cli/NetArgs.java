package io.tickjournal.cli;

import io.tickjournal.TickjournalException;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;

/** Parsing of network arguments, and the termination signals of the long-running commands. */
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

    /**
     * Counts {@code latch} down on SIGTERM or SIGINT instead of letting the JVM exit at once, so that
     * the command can stop cleanly and exit 0. Uses {@code sun.misc.Signal} (jdk.unsupported)
     * reflectively; where it is missing, a shutdown hook waits for {@code closed} instead.
     */
    static void onTermination(CountDownLatch latch, CountDownLatch closed) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            InvocationHandler h = (Object proxy, Method method, Object[] args) -> {
                if ("handle".equals(method.getName())) {
                    latch.countDown();
                    return null;
                }
                if ("hashCode".equals(method.getName())) {
                    return System.identityHashCode(proxy);
                }
                if ("equals".equals(method.getName())) {
                    return proxy == args[0];
                }
                return "termination handler";
            };
            Object proxy = Proxy.newProxyInstance(NetArgs.class.getClassLoader(), new Class<?>[]{handler}, h);
            Method handle = signal.getMethod("handle", signal, handler);
            for (String name : new String[]{"TERM", "INT"}) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                latch.countDown();
                try {
                    closed.await();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }, "termination"));
        }
    }
}
