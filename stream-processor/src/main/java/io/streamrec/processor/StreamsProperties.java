package io.streamrec.processor;

import io.streamrec.common.kafka.KafkaClientConfigs;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

import java.net.URI;
import java.util.Map;
import java.util.Properties;

/** The Kafka Streams configuration of the processor. */
final class StreamsProperties {
    private StreamsProperties() {
    }

    static Properties of(ProcessorConfig config) {
        ProcessorConfig.ProcessorSettings processor = config.processor();
        // bootstrap servers plus the security settings of streamrec.kafka.client-properties-file
        Map<String, Object> properties = KafkaClientConfigs.common(config.kafka(), processor.applicationId());
        // Streams derives a distinct client.id per instance and thread from the application id; a fixed one would not be
        properties.remove(CommonClientConfigs.CLIENT_ID_CONFIG);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, processor.applicationId());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, processor.stateDir().toString());
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, processor.commitIntervalMs());
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, processor.numStreamThreads());
        // static membership: a restarted instance takes its partitions back at once instead of after the session
        // timeout (Streams members never send LeaveGroup); Streams appends the thread index per consumer
        processor.instanceId().ifPresent(id ->
                properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        // interactive queries: other instances learn where each partition's stores live
        processor.advertisedUrl().map(StreamsProperties::hostInfo).ifPresent(host ->
                properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port()));
        return KafkaClientConfigs.properties(properties);
    }

    /** The host and port of an advertised URL such as {@code http://host-1:8082}. */
    static HostInfo hostInfo(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be a URL like http://host-1:8082, got '" + url + "'", e);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("must be an http URL with host and port like http://host-1:8082, got '"
                    + url + "'");
        }
        return new HostInfo(uri.getHost(), uri.getPort());
    }
}
