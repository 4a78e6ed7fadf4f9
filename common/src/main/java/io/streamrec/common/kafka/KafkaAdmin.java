package io.streamrec.common.kafka;

import io.streamrec.common.config.KafkaSettings;
import io.streamrec.common.lifecycle.StartupException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Cluster checks and topic creation shared by services and the CLI. */
public final class KafkaAdmin {
    private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(30);
    private static final long VISIBLE_POLL_MS = 100;

    private KafkaAdmin() {
    }

    public static Admin create(KafkaSettings settings, String clientId) {
        Map<String, Object> config = KafkaClientConfigs.common(settings, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, settings.startupTimeoutMs());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, settings.startupTimeoutMs());
        return Admin.create(config);
    }

    /** Fails with a message naming the servers when the cluster does not answer in time. */
    public static void awaitReachable(KafkaSettings settings) {
        try (Admin admin = create(settings, "streamrec-probe")) {
            admin.describeCluster().clusterId().get(settings.startupTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while connecting to Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot reach Kafka at " + settings.bootstrapServers() + " within "
                    + settings.startupTimeoutMs() + " ms: start the broker or set STREAMREC_KAFKA_BOOTSTRAP_SERVERS", e);
        }
    }

    /**
     * Creates the topics that do not exist yet, leaving existing ones as they are, and returns once the brokers
     * describe all of them: a client started right after creation (a global store's consumer, for one) fails at once
     * rather than waiting when its metadata does not know a topic yet, which happened on a loaded machine.
     */
    public static void ensureTopics(Admin admin, Collection<TopicSpec> topics) {
        List<NewTopic> requested = topics.stream().map(TopicSpec::newTopic).toList();
        admin.createTopics(requested).values().forEach((name, future) -> {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while creating topic " + name, e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new StartupException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                }
            }
        });
        awaitDescribed(admin, requested.stream().map(NewTopic::name).toList());
    }

    private static void awaitDescribed(Admin admin, List<String> names) {
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(VISIBLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for topics " + names, e);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (!(cause instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new StartupException("topics " + names + " are not visible on the brokers within "
                            + VISIBLE_TIMEOUT.toSeconds() + " s of creating them: " + cause, e);
                }
            }
            try {
                Thread.sleep(VISIBLE_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for topics " + names, e);
            }
        }
    }
}
