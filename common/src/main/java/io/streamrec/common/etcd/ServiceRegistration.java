package io.streamrec.common.etcd;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import io.streamrec.common.http.HttpEndpoint;
import io.streamrec.common.lifecycle.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.streamrec.common.etcd.EtcdClients.bytes;

/**
 * Announces a running instance under {@code /streamrec/services/<service>/<instanceId>} with a lease kept alive
 * while the instance lives. A killed instance stops renewing, so etcd removes its key within the TTL; a clean stop
 * revokes the lease at once. When etcd is down or the lease is lost, registration is retried in the background:
 * the instance keeps serving either way.
 */
public final class ServiceRegistration implements Service {
    public static final String PREFIX = "/streamrec/services/";
    private static final Logger log = LoggerFactory.getLogger(ServiceRegistration.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long REQUEST_TIMEOUT_SECONDS = 5;
    private static final long DEFAULT_TTL_SECONDS = 10;

    private final Client client;
    private final String key;
    private final String value;
    private final long ttlSeconds;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "service-registration");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long leaseId;
    private volatile CloseableClient keepAlive;
    private volatile boolean closed;

    public ServiceRegistration(Client client, String service, String instanceId, String url, String version, long ttlSeconds) {
        if (ttlSeconds < 2) {
            throw new IllegalArgumentException("a registration lease needs a TTL of at least 2 s, not " + ttlSeconds);
        }
        this.client = client;
        this.key = PREFIX + service + "/" + instanceId;
        this.ttlSeconds = ttlSeconds;
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("service", service);
        description.put("instanceId", instanceId);
        description.put("url", url);
        description.put("version", version);
        description.put("startedAt", Instant.now().toString());
        description.put("pid", ProcessHandle.current().pid());
        this.value = JSON.valueToTree(description).toString();
    }

    /**
     * The registration of a running service: the instance id is the host name and process id, unique per instance;
     * the URL uses STREAMREC_ADVERTISED_HOST when set (what other hosts can reach), else the host name.
     */
    public static ServiceRegistration of(Client client, Service service, HttpEndpoint endpoint, String version) {
        String host = System.getenv().getOrDefault("STREAMREC_ADVERTISED_HOST", hostName());
        return new ServiceRegistration(client, service.name(), hostName() + "-" + ProcessHandle.current().pid(),
                "http://" + host + ":" + endpoint.port(), version, DEFAULT_TTL_SECONDS);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String name() {
        return "registration " + key;
    }

    public String key() {
        return key;
    }

    @Override
    public void start() {
        retries.execute(this::register);
    }

    private void register() {
        if (closed) {
            return;
        }
        try {
            long lease = client.getLeaseClient().grant(ttlSeconds).get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS).getID();
            client.getKVClient().put(bytes(key), bytes(value), PutOption.builder().withLeaseId(lease).build())
                    .get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            leaseId = lease;
            keepAlive = client.getLeaseClient().keepAlive(lease, new StreamObserver<>() {
                @Override
                public void onNext(LeaseKeepAliveResponse response) {
                    if (response.getTTL() <= 0) {
                        onError(new IllegalStateException("lease expired"));
                    }
                }

                @Override
                public void onError(Throwable error) {
                    log.atWarn().addKeyValue("key", key).log("registration lease lost, registering again: {}", error.toString());
                    retryLater();
                }

                @Override
                public void onCompleted() {
                    retryLater();
                }
            });
            log.atInfo().addKeyValue("key", key).addKeyValue("ttlSeconds", ttlSeconds).log("registered in etcd");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.atWarn().addKeyValue("key", key).log("cannot register in etcd, retrying: {}", e.toString());
            retryLater();
        }
    }

    private void retryLater() {
        if (!closed) {
            retries.schedule(this::register, Math.max(1, ttlSeconds / 2), TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        retries.shutdownNow();
        retries.awaitTermination(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (keepAlive != null) {
            keepAlive.close();
        }
        if (leaseId != 0) {
            try {
                client.getLeaseClient().revoke(leaseId).get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.atInfo().addKeyValue("key", key).log("could not revoke the lease; it expires within {} s", ttlSeconds);
            }
        }
    }
}
