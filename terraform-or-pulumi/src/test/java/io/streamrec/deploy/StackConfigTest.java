package io.streamrec.deploy;

import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The program exactly as {@code pulumi up} runs it ({@link StreamrecStack#program}, reading the stack config), fed
 * the documented example stack file {@code Pulumi.example.yaml}. The public test API cannot pass config, so this
 * uses Pulumi's own test builder ({@code PulumiTestInternal}, pinned with the SDK version by the parent pom).
 */
class StackConfigTest {

    private static final String PROJECT = "streamrec-deploy";
    private static final Path EXAMPLE = Path.of("Pulumi.example.yaml");
    private static final String ROOT_PASSWORD = "root-password-from-the-stack-config";
    private static final String PUSH_SECRET = "push-secret-from-the-stack-config-0123456789";

    @AfterEach
    void cleanUp() {
        PulumiTest.cleanup();
    }

    @Test
    void theExampleStackDeploysThreeBrokersAndThreeEtcdMembersOnePerZoneFromTheConfiguredAmis() throws IOException {
        Map<String, String> config = exampleConfig();
        // fresh ids on every run, so that an id written into the program could never match them by chance
        Map<String, String> amis = Map.of("kafka", freshAmi(), "etcd", freshAmi(), "arangodb", freshAmi(), "app", freshAmi());
        amis.forEach((role, ami) -> config.put(PROJECT + ":" + role + "Ami", ami));

        TestResult result = run(config);

        assertThat(result.exceptions()).isEmpty();
        List<Resource> resources = result.resources();
        Map<String, Subnet> subnets = of(resources, Subnet.class).stream()
                .collect(Collectors.toMap(s -> value(s.id()), Function.identity()));
        List<String> zones = List.of("eu-west-1a", "eu-west-1b", "eu-west-1c");
        for (String role : List.of("kafka", "etcd")) {
            List<Instance> nodes = role(resources, role);
            assertThat(nodes).as(role + " nodes (the example's count: 3)").hasSize(3);
            assertThat(nodes).extracting(i -> value(subnets.get(value(i.subnetId())).availabilityZone()))
                    .as(role + ": one per zone").containsExactlyInAnyOrderElementsOf(zones);
        }
        for (String role : List.of("kafka", "etcd", "arangodb")) {
            assertThat(role(resources, role)).isNotEmpty()
                    .allSatisfy(i -> assertThat(value(i.ami())).as(role).isEqualTo(amis.get(role)));
        }
        assertThat(role(resources, "registry")).singleElement()
                .satisfies(i -> assertThat(value(i.ami())).isEqualTo(amis.get("app")));
        List<LaunchTemplate> templates = of(resources, LaunchTemplate.class);
        assertThat(templates).hasSize(4)
                .allSatisfy(t -> assertThat(value(t.imageId())).contains(amis.get("app")));
        assertThat(of(resources, Group.class)).hasSize(4)
                .allSatisfy(g -> assertThat(value(g.desiredCapacity())).as(g.pulumiResourceName()).isEqualTo(2));
        assertThat(role(resources, "kafka")).allSatisfy(i -> assertThat(value(i.instanceType())).isEqualTo("m6i.large"));
        assertThat(of(resources, SecretVersion.class)).extracting(v -> value(v.secretString()).orElseThrow())
                .containsExactlyInAnyOrder(ROOT_PASSWORD, PUSH_SECRET);
    }

    @Test
    void aMissingAmiIdFailsNamingTheConfigKey() throws IOException {
        Map<String, String> config = exampleConfig();
        assertThat(config.remove(PROJECT + ":etcdAmi")).isNotNull();

        TestResult result = run(config);

        assertThat(result.exceptions()).isNotEmpty()
                .anySatisfy(e -> assertThat(e).hasMessageContaining("etcdAmi"));
        assertThat(of(result.resources(), Instance.class)).isEmpty();
    }

    /** Pulumi.example.yaml's config section, plus the two secrets it leaves to `pulumi config set --secret`. */
    private static Map<String, String> exampleConfig() throws IOException {
        Map<String, Object> file;
        try (Reader reader = Files.newBufferedReader(EXAMPLE)) {
            file = new Yaml().load(reader);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> section = (Map<String, Object>) file.get("config");
        Map<String, String> config = new HashMap<>();
        section.forEach((key, value) -> config.put(key, String.valueOf(value)));
        assertThat(config).containsKeys("aws:region", PROJECT + ":kafkaAmi", PROJECT + ":etcdAmi",
                PROJECT + ":arangodbAmi", PROJECT + ":appAmi");
        config.put(PROJECT + ":arangodbRootPassword", ROOT_PASSWORD);
        config.put(PROJECT + ":pushTokenSecret", PUSH_SECRET);
        return config;
    }

    private static TestResult run(Map<String, String> config) {
        return PulumiTestInternal.builder()
                .options(TestOptions.builder().projectName(PROJECT).stackName("example").build())
                .mocks(new DeployMocks())
                .config(config, Set.of(PROJECT + ":arangodbRootPassword", PROJECT + ":pushTokenSecret"))
                .build()
                .runTest(StreamrecStack::program);
    }

    private static String freshAmi() {
        return "ami-" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
    }

    private static List<Instance> role(List<Resource> resources, String role) {
        return of(resources, Instance.class).stream()
                .filter(i -> role.equals(value(i.tags()).orElseThrow().get("Role"))).toList();
    }

    private static <T extends Resource> List<T> of(List<Resource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T> T value(Output<T> output) {
        return PulumiTest.extractValue(output);
    }
}
