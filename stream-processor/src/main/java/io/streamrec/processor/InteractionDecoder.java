package io.streamrec.processor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamrec.schemas.DeadLetterHeaders;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns raw {@code interactions} records into {@link Interaction}s for its interaction children, and forwards every
 * record that cannot be one, unchanged, to its dead-letter child with headers saying where it came from and why.
 *
 * <p>Decoding happens here instead of in the source's deserializer because Kafka Streams 4.1's
 * {@code DeserializationExceptionHandler} can only continue or fail: a dead-letter record sent from there would
 * need a producer of its own, outside the exactly-once transaction. A sink in the topology is inside it, so a
 * rejected record reaches the dead-letter topic exactly once, atomically with the input offset.
 *
 * <p>A registry that does not answer is not the record's fault: that error propagates, the transaction aborts, and
 * the record is read again once the stream thread is replaced.
 *
 * <p>The children take different types (raw bytes for the dead-letter sink, Interactions for the others), hence the
 * Object output types.
 */
final class InteractionDecoder implements Processor<byte[], byte[], Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(InteractionDecoder.class);

    private final Deserializer<Interaction> interactions;
    private final List<String> interactionChildren;
    private final String deadLetterChild;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private ProcessorContext<Object, Object> context;

    InteractionDecoder(Deserializer<Interaction> interactions, List<String> interactionChildren, String deadLetterChild,
                       MeterRegistry meters) {
        this.interactions = interactions;
        this.interactionChildren = List.copyOf(interactionChildren);
        this.deadLetterChild = deadLetterChild;
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("streamrec.processor.rejected")
                    .description("interactions records sent to the dead-letter topic")
                    .tag("reason", reason.tag()).register(meters));
        }
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.INTERACTIONS.name());
        if (record.value() == null) {
            reject(record, RejectReason.MISSING_VALUE, "the record has no value");
            return;
        }
        if (record.key() == null) {
            reject(record, RejectReason.MISSING_KEY, "the record has no key; interactions are keyed by userId");
            return;
        }
        Interaction interaction;
        try {
            interaction = interactions.deserialize(topic, record.value());
        } catch (SerializationException e) {
            reject(record, RejectReason.UNDECODABLE, e.getMessage());
            return;
        } catch (SchemaRegistryException e) {
            if (registryUnavailable(e)) {
                throw e;
            }
            reject(record, RejectReason.UNDECODABLE, e.getMessage());
            return;
        }
        String userId = new String(record.key(), StandardCharsets.UTF_8);
        if (!userId.equals(interaction.getUserId())) {
            reject(record, RejectReason.KEY_MISMATCH,
                    "the key '" + userId + "' is not the value's userId '" + interaction.getUserId() + "'");
            return;
        }
        Record<String, Interaction> decoded = record.withKey(userId).withValue(interaction);
        for (String child : interactionChildren) {
            context.forward(decoded, child);
        }
    }

    /**
     * True when the registry did not answer or failed on its side (no answer, HTTP 5xx, Confluent 5xxxx codes): the
     * record is probably fine and must wait. False when the registry answered that the schema does not exist.
     */
    static boolean registryUnavailable(SchemaRegistryException e) {
        int code = e.errorCode();
        return code == 0 || code / 100 == 5 || code / 10_000 == 5;
    }

    private void reject(Record<byte[], byte[]> record, RejectReason reason, String error) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        context.recordMetadata().ifPresent(source -> {
            add(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
            add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
            add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
        });
        add(headers, DeadLetterHeaders.REASON, reason.tag());
        add(headers, DeadLetterHeaders.ERROR, String.valueOf(error));
        rejected.get(reason).increment();
        log.atWarn().addKeyValue("reason", reason.tag())
                .addKeyValue("source", context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"))
                .log("sent a record to the dead-letter topic: {}", error);
        // the time it was dead-lettered: the topic's time retention then counts from when someone could look at it
        context.forward(new Record<>(record.key(), record.value(), context.currentSystemTimeMs(), headers),
                deadLetterChild);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
