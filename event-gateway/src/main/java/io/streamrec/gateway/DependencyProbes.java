package io.streamrec.gateway;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks Kafka (describe cluster) and the schema registry ({@code GET /subjects}) in the background whether they
 * answer, so that {@code /health/ready}, which load balancers poll often, only reads two flags. Changes are logged.
 */
final class DependencyProbes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DependencyProbes.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final URI registrySubjects;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private final AtomicBoolean kafkaReachable = new AtomicBoolean(true);
    private final AtomicBoolean registryReachable = new AtomicBoolean(true);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gateway-readiness-probes");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Both start as reachable: the gateway checked them just before it starts the probes.
     *
     * @param admin owned by the caller, who closes it after this
     */
    DependencyProbes(Admin admin, String registryUrl, Duration interval) {
        this.admin = admin;
        this.registrySubjects = URI.create(registryUrl.replaceAll("/+$", "") + "/subjects");
        scheduler.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean kafkaReachable() {
        return kafkaReachable.get();
    }

    boolean registryReachable() {
        return registryReachable.get();
    }

    private void probe() {
        update("kafka", kafkaReachable, kafkaAnswers());
        update("schema-registry", registryReachable, registryAnswers());
    }

    private boolean kafkaAnswers() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                    .clusterId().get(PROBE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return kafkaReachable.get();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private boolean registryAnswers() {
        HttpRequest request = HttpRequest.newBuilder(registrySubjects).timeout(PROBE_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return registryReachable.get();
        } catch (IOException e) {
            return false;
        }
    }

    private static void update(String dependency, AtomicBoolean flag, boolean reachable) {
        if (flag.getAndSet(reachable) != reachable) {
            if (reachable) {
                log.atInfo().addKeyValue("dependency", dependency).log("reachable again; ready");
            } else {
                log.atWarn().addKeyValue("dependency", dependency).log("not answering; reporting not ready");
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(PROBE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
