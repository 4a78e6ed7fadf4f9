package io.streamrec.cli.embedded;

import io.streamrec.common.lifecycle.StartupException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks ports before anything starts, so a clash is reported by name instead of deep inside a server. */
public final class Ports {
    private Ports() {
    }

    public static void requireFree(int port, String what, String option) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new StartupException("port " + port + " (" + what + ") is already in use: stop what uses it"
                    + " or pass " + option + " <port>");
        }
    }

    /** A port that was free a moment ago, for components that cannot bind port 0 themselves (etcd, KRaft). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("cannot find a free port: " + e.getMessage(), e);
        }
    }
}
