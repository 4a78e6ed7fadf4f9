package io.streamrec.cli.importer;

import io.streamrec.common.lifecycle.StartupException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A topic's time retention, as the broker applies it: records older than this are deleted at its next check. */
public final class TopicRetention {
    private TopicRetention() {
    }

    /** Empty when the topic keeps records forever ({@code retention.ms} -1). */
    public static Optional<Duration> of(Admin admin, String topic) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
            long millis = retention == null ? -1 : Long.parseLong(retention.value());
            return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new StartupException("topic " + topic + " does not exist: run 'streamrec topics create' first");
            }
            throw new StartupException("cannot read the configuration of topic " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException("Kafka did not describe topic " + topic + " within 30 s", e);
        }
    }
}
