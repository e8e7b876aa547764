package io.tickjournal.capture;

import com.code_intelligence.jazzer.api.BugDetectors;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Jazzer's server-side-request-forgery detector reports every connection a fuzz test makes; the
 * networked harnesses connect to their own loopback sockets only, which this allows (and nothing
 * else: a connection anywhere else stays a finding).
 */
public final class FuzzNetwork {
    private FuzzNetwork() {
    }

    /**
     * Installs the loopback-only policy; call it first in every run of a fuzz test method (Jazzer
     * sets its detectors up again when fuzzing starts after the regression inputs).
     */
    public static void allowLoopbackOnly() {
        BugDetectors.allowNetworkConnections(FuzzNetwork::loopback);
    }

    private static boolean loopback(String host, Integer port) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
