package io.streamrec.cli;

import io.streamrec.cli.importer.EventImporter;
import io.streamrec.cli.importer.FileSurvey;
import io.streamrec.cli.importer.ImportFormat;
import io.streamrec.cli.importer.RecordTimestamps;
import io.streamrec.cli.importer.TopicRetention;
import io.streamrec.common.kafka.KafkaAdmin;
import io.streamrec.common.kafka.KafkaClientConfigs;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.serde.AvroSerde;
import io.streamrec.schemas.serde.SchemaRegistryClient;
import me.tongfei.progressbar.ProgressBar;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Produce historical events from a file to the interactions topic.",
                "Each record carries the event's own time as its timestamp and a deterministic eventId: the",
                "processor drops the copies a re-run sends within its backfill-dedup-window-ms (7 days).",
                "Formats: movielens (u.data), csv (userId,itemId,type,eventTime[,value[,eventId]]), ndjson.",
                "Events older than the topic's retention are refused unless --timestamps import is given:",
                "Kafka would delete them at its next retention check.",
                "Exit codes: 0 all imported, 1 cannot start or Kafka refused, 2 usage, 4 some lines were invalid."})
final class ImportCommand implements Callable<Integer> {
    static final int EXIT_INVALID_LINES = 4;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--format", required = true, paramLabel = "movielens|csv|ndjson",
            description = "File format.")
    ImportFormat format;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N",
            description = "Events per second; 0 is as fast as Kafka takes them (default).")
    double rate;

    @Option(names = "--timestamps", defaultValue = "event", paramLabel = "event|import",
            description = {"Record timestamp: the event time (default), or the import time for events older than the",
                    "topic's retention; the event time stays in the payload either way."})
    RecordTimestamps timestamps;

    @Mixin
    ConfigFileOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file);
        }
        if (rate < 0) {
            throw new ParameterException(spec.commandLine(), "--rate must not be negative");
        }
        ToolConfig tool = config.load(ToolConfig.class);
        KafkaAdmin.awaitReachable(tool.kafka());
        // only event-time timestamps can fall past the retention: otherwise counting the lines is enough
        FileSurvey survey = timestamps == RecordTimestamps.EVENT
                ? FileSurvey.withOldestEvent(file, format) : FileSurvey.lines(file);
        refuseEventsPastRetention(tool, survey.oldestEvent());
        long lines = survey.lines();
        long begin = System.nanoTime();
        EventImporter.Result result;
        try (KafkaProducer<String, Interaction> producer = producer(tool);
             BufferedReader reader = Files.newBufferedReader(file);
             ProgressBar bar = ProgressBars.builder("import", " lines", spec.commandLine().getErr())
                     .setInitialMax(lines).build()) {
            result = new EventImporter(producer, format, rate, timestamps).run(reader, bar::stepTo);
        } catch (IOException e) {
            throw new StartupException(e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.printf("imported %d events to %s in %.1f s (%.0f events/s)%n", result.imported(),
                Topics.INTERACTIONS.name(), seconds, result.imported() / Math.max(seconds, 1e-3));
        if (result.invalid() > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("%d invalid lines skipped%s:%n", result.invalid(),
                    result.invalid() > result.problems().size() ? " (the first " + result.problems().size() + " below)" : "");
            result.problems().forEach(problem -> err.println("  " + problem));
            return EXIT_INVALID_LINES;
        }
        return 0;
    }

    private KafkaProducer<String, Interaction> producer(ToolConfig tool) {
        Map<String, Object> settings = KafkaClientConfigs.producer(tool.kafka(), "streamrec-import");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AvroSerde<Interaction> serde = AvroSerde.forValues(SchemaRegistryClient.connect(tool.registry()), Interaction.class);
        serde.register(Topics.INTERACTIONS.name());
        return new KafkaProducer<>(settings, new StringSerializer(), serde);
    }

    private void refuseEventsPastRetention(ToolConfig tool, Optional<Instant> oldestEvent) throws InterruptedException {
        if (oldestEvent.isEmpty()) {
            return;
        }
        Optional<Duration> retention;
        try (Admin admin = KafkaAdmin.create(tool.kafka(), "streamrec-import")) {
            retention = TopicRetention.of(admin, Topics.INTERACTIONS.name());
        }
        if (retention.isPresent() && oldestEvent.get().isBefore(Instant.now().minus(retention.get()))) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "%s goes back to %s, but %s keeps records for %d days (retention.ms): Kafka would delete those"
                            + " events at its next retention check. Re-run with --timestamps import (the event time"
                            + " stays in the payload), or raise the topic's retention.ms.", file, oldestEvent.get(),
                    Topics.INTERACTIONS.name(), retention.get().toDays()));
        }
    }
}
