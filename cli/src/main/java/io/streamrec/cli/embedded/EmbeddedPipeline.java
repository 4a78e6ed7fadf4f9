package io.streamrec.cli.embedded;

import io.etcd.jetcd.Client;
import io.streamrec.cli.ReadinessProbe;
import io.streamrec.cli.Streamrec;
import io.streamrec.cli.traffic.Catalogue;
import io.streamrec.cli.traffic.TrafficGenerator;
import io.streamrec.common.config.ConfigLoader;
import io.streamrec.common.etcd.EtcdClients;
import io.streamrec.common.etcd.ServiceRegistration;
import io.streamrec.common.http.HttpEndpoint;
import io.streamrec.common.lifecycle.Service;
import io.streamrec.common.lifecycle.ServiceGroup;
import io.streamrec.common.lifecycle.StartupException;
import io.streamrec.gateway.EventGateway;
import io.streamrec.gateway.GatewayConfig;
import io.streamrec.processor.ProcessorConfig;
import io.streamrec.processor.StreamProcessor;
import io.streamrec.processor.Strategy;
import io.streamrec.push.PushConfig;
import io.streamrec.push.PushService;
import io.streamrec.schemas.Topics;
import io.streamrec.schemas.registry.RegistryServerConfig;
import io.streamrec.schemas.registry.SchemaRegistryServer;
import io.streamrec.sink.GraphSink;
import io.streamrec.sink.SinkConfig;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.streamrec.common.kafka.KafkaAdmin.create;
import static io.streamrec.common.kafka.KafkaAdmin.ensureTopics;

/**
 * Everything in one process on real parts: a KRaft broker, etcd as a child process, the schema registry, and the
 * four services, all keeping their data under one directory. Services get the same typed configuration as when
 * they run alone; the runtime only overrides addresses and paths.
 */
public final class EmbeddedPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPipeline.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Gentle: enough for a live page, little enough to leave a laptop idle. */
    private static final int DEMO_USERS = 200;
    private static final int DEMO_ITEMS = 100;
    private static final double DEMO_EVENTS_PER_SECOND = 3;

    private final ServiceGroup services = new ServiceGroup();
    private Client etcdClient;
    private final Map<String, String> urls = new HashMap<>();

    private EmbeddedPipeline() {
    }

    /**
     * Starts everything and returns once every service reports ready. Whatever happens, including Ctrl-C during the
     * start, what already runs is stopped: etcd is a child process and must not outlive us.
     */
    public static EmbeddedPipeline start(Path dataDir, EmbeddedPorts ports, Optional<Path> configFile,
                                         boolean demoTraffic) {
        EmbeddedPipeline pipeline = new EmbeddedPipeline();
        pipeline.services.stopOnShutdown();
        try {
            pipeline.startAll(dataDir, ports, configFile);
            pipeline.awaitReady();
            if (demoTraffic) {
                pipeline.services.start(new TrafficGenerator(pipeline.urls.get("gateway"), DEMO_USERS, DEMO_ITEMS,
                        DEMO_EVENTS_PER_SECOND, System.nanoTime()));
            }
            return pipeline;
        } catch (RuntimeException | Error e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(Path dataDir, EmbeddedPorts ports, Optional<Path> configFile) {
        ports.requireFree();
        DataDirectory data = new DataDirectory(dataDir);
        services.start(data);

        EtcdService etcd = new EtcdService(data.resolve("etcd"), ports.etcd(), ports.etcdPeer());
        services.start(etcd);
        EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker(data.resolve("kafka"), ports.kafka(), ports.kafkaController());
        services.start(kafka);

        // the live page needs the gateway's address before the gateway, which starts last, has bound it
        int gatewayPort = ports.gateway() == 0 ? Ports.free() : ports.gateway();
        Map<String, String> settings = new HashMap<>(Map.ofEntries(
                Map.entry("streamrec.kafka.bootstrap-servers", kafka.bootstrapServers()),
                Map.entry("streamrec.etcd.endpoints", etcd.clientUrl()),
                Map.entry("streamrec.registry-server.port", Integer.toString(ports.registry())),
                Map.entry("streamrec.gateway.port", Integer.toString(gatewayPort)),
                Map.entry("streamrec.processor.port", Integer.toString(ports.processor())),
                Map.entry("streamrec.processor.state-dir", data.resolve("processor").toString()),
                Map.entry("streamrec.processor.instance-id", "embedded"),
                Map.entry("streamrec.sink.port", Integer.toString(ports.graph())),
                Map.entry("streamrec.sink.arcadedb-path", data.resolve("graph").toString()),
                Map.entry("streamrec.sink.instance-id", "embedded"),
                Map.entry("streamrec.push.port", Integer.toString(ports.push())),
                Map.entry("streamrec.push.demo-mode", "true"),
                Map.entry("streamrec.push.gateway-url", "http://localhost:" + gatewayPort)));
        settings.put("streamrec.push.token-secret-file", DemoSecret.ensure(data.resolve("push-token.secret")).toString());
        settings.put("streamrec.push.catalog-file", writeCatalogue(data.resolve("catalog.json")).toString());

        RegistryServerConfig registryConfig = ConfigLoader.load(RegistryServerConfig.class, configFile, settings);
        try (Admin admin = create(registryConfig.kafka(), "streamrec-demo")) {
            ensureTopics(admin, Topics.all());
        }
        SchemaRegistryServer registry = new SchemaRegistryServer(registryConfig);
        services.start(registry);
        settings.put("streamrec.registry.url", registry.url());
        urls.put("registry", registry.url());

        ProcessorConfig processorConfig = ConfigLoader.load(ProcessorConfig.class, configFile, settings);
        if (processorConfig.processor().itemPartitions().isEmpty()) {
            // one machine runs every item task: partitions beyond its cores only multiply each event's item records
            settings.put("streamrec.processor.item-partitions", Integer.toString(
                    Math.min(Runtime.getRuntime().availableProcessors(), Topics.INTERACTIONS.partitions())));
            processorConfig = ConfigLoader.load(ProcessorConfig.class, configFile, settings);
        }
        seedDefaultStrategy(processorConfig);
        StreamProcessor processor = new StreamProcessor(processorConfig);
        services.start(processor);
        GraphSink sink = new GraphSink(ConfigLoader.load(SinkConfig.class, configFile, settings));
        services.start(sink);
        PushService push = new PushService(ConfigLoader.load(PushConfig.class, configFile, settings));
        services.start(push);
        // the live page is served by the push service and sends events from the browser: allow its origin
        settings.put("streamrec.gateway.allowed-origins", "http://localhost:" + push.port() + ",http://127.0.0.1:" + push.port());
        // last: accept events only once everything downstream runs
        EventGateway gateway = new EventGateway(ConfigLoader.load(GatewayConfig.class, configFile, settings));
        services.start(gateway);
        register(processorConfig, List.of(registry, processor, sink, push, gateway));

        urls.put("gateway", "http://localhost:" + gateway.port());
        urls.put("push", "http://localhost:" + push.port());
        urls.put("processor", "http://localhost:" + processor.port());
        urls.put("graph", "http://localhost:" + sink.port());
        urls.put("kafka", kafka.bootstrapServers());
        urls.put("etcd", etcd.clientUrl());
    }

    /** Registered like services run alone, so that {@code streamrec status} sees the demo. */
    private void register(ProcessorConfig config, List<Service> running) {
        etcdClient = EtcdClients.connect(config.etcd());
        for (Service service : running) {
            if (service instanceof HttpEndpoint endpoint) {
                services.start(ServiceRegistration.of(etcdClient, service, endpoint, Streamrec.VERSION));
            }
        }
    }

    private static Path writeCatalogue(Path file) {
        try {
            new Catalogue(DEMO_ITEMS).writeJson(file);
            return file;
        } catch (IOException e) {
            throw new StartupException("cannot write the demo catalogue " + file + ": " + e.getMessage(), e);
        }
    }

    private static void seedDefaultStrategy(ProcessorConfig config) {
        try (Client client = EtcdClients.connect(config.etcd())) {
            String key = Strategy.ETCD_PREFIX + config.processor().strategy();
            if (StrategySeed.putIfAbsent(client, key, Strategy.defaultJson())) {
                log.atInfo().addKeyValue("key", key).log("wrote the default strategy to etcd");
            }
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (String service : List.of("registry", "processor", "graph", "push", "gateway")) {
            while (!ReadinessProbe.isReady(urls.get(service))) {
                if (System.nanoTime() > deadline) {
                    throw new StartupException(service + " did not become ready within "
                            + READY_TIMEOUT.toSeconds() + " s; see the log above (" + urls.get(service)
                            + "/health/ready)");
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for the services", e);
        }
    }

    /** Base URLs by name: gateway, push, processor, graph, registry; and kafka (bootstrap) and etcd. */
    public Map<String, String> urls() {
        return Map.copyOf(urls);
    }

    public void awaitStop() throws InterruptedException {
        services.awaitStop();
    }

    @Override
    public void close() {
        services.close();
        if (etcdClient != null) {
            etcdClient.close();
        }
    }
}
