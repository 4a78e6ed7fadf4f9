package io.streamrec.common.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.lifecycle.StartupException;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * An Undertow server for one service: the service's own routes plus the ops endpoints. On close it stops taking
 * requests and waits for the in-flight ones before it stops the server.
 */
public final class HttpService implements Service {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final String host;
    private final int port;
    private final GracefulShutdownHandler root;
    private Undertow server;

    public HttpService(String name, String host, int port, HttpHandler routes, Readiness readiness,
                       PrometheusMeterRegistry metrics) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.root = new GracefulShutdownHandler(OpsHandlers.withOps(routes, readiness, metrics));
    }

    @Override
    public String name() {
        return name + " http";
    }

    @Override
    public void start() {
        server = Undertow.builder().addHttpListener(port, host).setHandler(root).build();
        try {
            server.start();
        } catch (RuntimeException e) {
            server = null;
            if (hasCause(e, BindException.class)) {
                throw new StartupException(name + ": port " + port + " on " + host
                        + " is already in use; stop what uses it or configure another port");
            }
            throw e;
        }
    }

    /** The bound port, which differs from the configured one when that was 0. */
    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    public String url() {
        String shownHost = "0.0.0.0".equals(host) ? "localhost" : host;
        return "http://" + shownHost + ":" + port();
    }

    @Override
    public void close() throws InterruptedException {
        if (server == null) {
            return;
        }
        root.shutdown();
        root.awaitShutdown(DRAIN_TIMEOUT.toMillis());
        server.stop();
        server = null;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
