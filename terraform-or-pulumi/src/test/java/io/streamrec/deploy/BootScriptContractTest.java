package io.streamrec.deploy;

import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ssm.Parameter;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seam between the two halves: the user data this program writes is fed to the images' real boot scripts
 * (packer/files/bin, run into a temporary root as packer/check.sh does), which must accept it and render the
 * expected configuration.
 */
class BootScriptContractTest {

    private static final Path PACKER = Path.of("..", "packer").toAbsolutePath().normalize();
    private static final String PUSH_SECRET = "push-secret-for-the-contract-test-0123456789";
    private static final String ROOT_PASSWORD = "root-password-for-the-contract-test";

    private static List<Resource> resources;

    @TempDir
    Path root;

    @BeforeAll
    static void deploy() {
        var base = StreamrecStackTest.args(3);
        var args = new StackArgs(base.region(), base.availabilityZones(), base.amis(), base.instanceTypes(), 3, 500, 3,
                200, base.serviceCounts(), Optional.empty(), Output.ofSecret(ROOT_PASSWORD), Output.ofSecret(PUSH_SECRET), List.of());
        TestResult result = PulumiTest.withMocks(new DeployMocks())
                .withOptions(TestOptions.builder().projectName("streamrec-deploy").stackName("test").build())
                .runTest(ctx -> StreamrecStack.stack(ctx, args));
        assertThat(result.exceptions()).isEmpty();
        resources = result.resources();
    }

    @AfterAll
    static void cleanUp() {
        PulumiTest.cleanup();
    }

    @Test
    void kafkaBootScriptRendersTheBrokerFromOurUserData() throws Exception {
        String userData = value(instance("kafka-2").userData());

        assertThat(boot("streamrec-kafka-configure", userData, Map.of())).isZero();

        assertThat(Files.readAllLines(root.resolve("etc/kafka/server.properties"))).contains(
                "node.id=2",
                "controller.quorum.voters=1@10.0.20.10:9093,2@10.0.21.10:9093,3@10.0.22.10:9093",
                "advertised.listeners=PLAINTEXT://10.0.21.10:9092",
                "broker.rack=eu-west-1b");
        assertThat(Files.readAllLines(root.resolve("etc/kafka/kafka.env")))
                .contains("KAFKA_CLUSTER_ID=" + KafkaCluster.clusterId("test"));
    }

    @Test
    void etcdBootScriptRendersTheMemberFromOurUserData() throws Exception {
        String userData = value(instance("etcd-3").userData());

        assertThat(boot("streamrec-etcd-configure", userData, Map.of())).isZero();

        assertThat(Files.readAllLines(root.resolve("etc/etcd/etcd.env"))).contains(
                "ETCD_NAME=etcd-3",
                "ETCD_ADVERTISE_CLIENT_URLS=http://10.0.22.20:2379",
                "ETCD_INITIAL_CLUSTER=etcd-1=http://10.0.20.20:2380,etcd-2=http://10.0.21.20:2380,"
                        + "etcd-3=http://10.0.22.20:2380");
    }

    @Test
    void arangoDbRootInitReadsOurSecretAndHandsItToInitDatabase() throws Exception {
        String userData = value(instance("arangodb").userData());
        Path stubs = Files.createDirectories(root.resolve("stub-data/secrets")).getParent();
        Files.writeString(stubs.resolve("secrets/streamrec_test_arangodb-root"), ROOT_PASSWORD + "\n");
        Files.createDirectories(root.resolve("var/lib/arangodb3")); // the mounted data volume

        assertThat(boot("streamrec-arangodb-root-init", userData, Map.of(
                "STUB_DIR", stubs.toString(),
                "STUB_EXPECTED_PASSWORD", ROOT_PASSWORD,
                "PATH", PACKER.resolve("test/stubs") + ":" + System.getenv("PATH")))).isZero();

        assertThat(Files.readAllLines(stubs.resolve("calls")))
                .anyMatch(call -> call.contains("--region eu-west-1 secretsmanager get-secret-value --secret-id streamrec/test/arangodb-root"))
                .contains("root password received through the environment");
        assertThat(root.resolve("var/lib/arangodb3/.streamrec-root-initialised")).exists();
    }

    @Test
    void appBootScriptFetchesOurParameterAndSecretAndStartsPush() throws Exception {
        LaunchTemplate push = resources.stream().filter(LaunchTemplate.class::isInstance).map(LaunchTemplate.class::cast)
                .filter(t -> t.pulumiResourceName().equals("push")).findFirst().orElseThrow();
        String userData = new String(Base64.getDecoder().decode(value(push.userData()).orElseThrow()), StandardCharsets.UTF_8);
        Parameter parameter = resources.stream().filter(Parameter.class::isInstance).map(Parameter.class::cast)
                .findFirst().orElseThrow();
        Path stubs = Files.createDirectories(root.resolve("stub-data"));
        Files.createDirectories(stubs.resolve("ssm"));
        Files.createDirectories(stubs.resolve("secrets"));
        Files.writeString(stubs.resolve("ssm/" + value(parameter.name()).replace('/', '_')), value(parameter.value()));
        Files.writeString(stubs.resolve("secrets/streamrec_test_push-token-secret"), PUSH_SECRET + "\n");
        Files.createDirectories(stubs.resolve("imds"));
        Files.writeString(stubs.resolve("imds/meta-data_local-ipv4"), "10.0.12.7");
        Files.writeString(stubs.resolve("imds/meta-data_instance-id"), "i-0123456789abcdef0");

        assertThat(boot("streamrec-configure", userData, Map.of(
                "STUB_DIR", stubs.toString(),
                "PATH", PACKER.resolve("test/stubs") + ":" + System.getenv("PATH")))).isZero();

        assertThat(Files.readAllLines(root.resolve("etc/streamrec/streamrec.properties"))).contains(
                "streamrec.kafka.bootstrap-servers=10.0.20.10:9092,10.0.21.10:9092,10.0.22.10:9092",
                "streamrec.processor.advertised-url=http://10.0.12.7:8082",
                "streamrec.processor.instance-id=i-0123456789abcdef0");
        assertThat(Files.readAllLines(root.resolve("run/streamrec/secrets.env")))
                .containsExactly("STREAMREC_PUSH_TOKEN_SECRET='" + PUSH_SECRET + "'");
        assertThat(Files.readString(root.resolve("etc/streamrec/jvm.env"))).contains("-Xms2g -Xmx2g");
        assertThat(Files.readAllLines(stubs.resolve("calls")))
                .contains("systemctl start --no-block streamrec-push.service");
    }

    /** Runs one boot script as a node would at boot, into the temporary root; returns its exit code. */
    private int boot(String script, String userData, Map<String, String> env) throws IOException, InterruptedException {
        Path lib = root.resolve("usr/local/lib/streamrec/boot.sh");
        Files.createDirectories(lib.getParent());
        Files.copy(PACKER.resolve("files/lib/boot.sh"), lib);
        Path userDataFile = Files.writeString(root.resolve("user-data"), userData);
        var builder = new ProcessBuilder("bash", PACKER.resolve("files/bin/" + script).toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve(script + ".log").toFile());
        builder.environment().put("TARGET_ROOT", root.toString());
        builder.environment().put("USER_DATA_FILE", userDataFile.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish within 30 s");
        }
        if (process.exitValue() != 0) {
            System.err.println(Files.readString(root.resolve(script + ".log")));
        }
        return process.exitValue();
    }

    private static Instance instance(String name) {
        return resources.stream().filter(Instance.class::isInstance).map(Instance.class::cast)
                .filter(i -> i.pulumiResourceName().equals(name)).findFirst().orElseThrow();
    }

    private static <T> T value(Output<T> output) {
        return PulumiTest.extractValue(output);
    }
}
