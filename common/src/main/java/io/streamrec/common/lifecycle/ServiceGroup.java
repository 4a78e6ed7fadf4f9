package io.streamrec.common.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * Starts services in order and stops them in reverse order, once. If a service fails to start, the ones already
 * started are stopped before the failure propagates.
 */
public final class ServiceGroup implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceGroup.class);

    private final Deque<Service> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;

    /** Starts the service; once the group is closed (say, Ctrl-C during start-up) it refuses to start more. */
    public ServiceGroup start(Service service) {
        synchronized (this) {
            if (closed) {
                throw new StartupException("stopping: " + service.name() + " was not started");
            }
        }
        long begin = System.nanoTime();
        try {
            service.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new StartupException(service.name() + ": interrupted while starting", e);
        } catch (StartupException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new StartupException(service.name() + " failed to start: " + e.getMessage(), e);
        }
        synchronized (this) {
            if (closed) {
                closeQuietly(service);
                throw new StartupException("stopping: " + service.name() + " was stopped right after it started");
            }
            started.push(service);
        }
        log.atInfo().addKeyValue("service", service.name())
                .addKeyValue("ms", (System.nanoTime() - begin) / 1_000_000).log("started");
        return this;
    }

    /** Closes everything when the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public ServiceGroup stopOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "streamrec-shutdown"));
        return this;
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        closed = true;
        while (!started.isEmpty()) {
            closeQuietly(started.pop());
        }
        stopped.countDown();
    }

    private static void closeQuietly(Service service) {
        try {
            service.close();
            log.atInfo().addKeyValue("service", service.name()).log("stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.atWarn().addKeyValue("service", service.name()).log("interrupted while stopping");
        } catch (Exception e) {
            log.atWarn().addKeyValue("service", service.name()).setCause(e).log("failed to stop cleanly");
        }
    }
}
