package io.streamrec.sink.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract on a real ArangoDB, one fresh database per test. Runs when {@code ARANGODB_HOSTS} names the server
 * ({@code host:port[,host:port]}; user {@code ARANGODB_USER}, default root, password {@code ARANGODB_PASSWORD},
 * default none), and is reported as skipped otherwise: no ArangoDB can be installed on the build machines.
 */
@EnabledIfEnvironmentVariable(named = "ARANGODB_HOSTS", matches = ".+",
        disabledReason = "set ARANGODB_HOSTS=host:port to run the graph store contract against ArangoDB")
class ArangoDbGraphStoreIT extends GraphStoreContract {
    private ArangoDbGraphStore store;
    private String database;

    @BeforeEach
    void openFreshDatabase() {
        database = "streamrec_it_" + UUID.randomUUID().toString().replace("-", "");
        store = ArangoDbGraphStore.open(options(database));
    }

    @AfterEach
    void dropDatabase() {
        store.close();
        try (ArangoDbAdmin admin = new ArangoDbAdmin(options("_system"))) {
            admin.drop(database);
        }
    }

    @Override
    protected GraphStore store() {
        return store;
    }

    /** Start finds the database, collections, indexes and graph in place: a second sink (or a restart) changes nothing. */
    @Test
    void openingAnExistingDatabaseAgainKeepsItsSchemaAndData() {
        store.upsertEdges(List.of(edge("u1", "i1", "purchase")));

        try (ArangoDbGraphStore again = ArangoDbGraphStore.open(options(database))) {
            assertThat(again.itemsOfUser("u1", 10)).extracting(EdgeView::itemId).containsExactly("i1");
            again.upsertEdges(List.of(edge("u1", "i1", Map.of("view", 2L), 2.0, 0, 5)));
            assertThat(again.itemsOfUser("u1", 10)).extracting(EdgeView::counts).containsExactly(Map.of("view", 2L));
        }
        assertThat(store.itemsOfUser("u1", 10)).hasSize(1);
    }

    private static ArangoDbOptions options(String database) {
        return new ArangoDbOptions(Arrays.stream(System.getenv("ARANGODB_HOSTS").split(","))
                .map(ArangoDbOptions.Host::parse).toList(), database,
                System.getenv().getOrDefault("ARANGODB_USER", "root"),
                System.getenv().getOrDefault("ARANGODB_PASSWORD", ""), false, 10_000);
    }

    /** Drops the test's database through the driver, which the store does not expose. */
    private static final class ArangoDbAdmin implements AutoCloseable {
        private final com.arangodb.ArangoDB arango;

        ArangoDbAdmin(ArangoDbOptions options) {
            com.arangodb.ArangoDB.Builder builder = new com.arangodb.ArangoDB.Builder().user(options.user())
                    .password(options.password());
            options.hosts().forEach(host -> builder.host(host.name(), host.port()));
            this.arango = builder.build();
        }

        void drop(String name) {
            arango.db(name).drop();
        }

        @Override
        public void close() {
            arango.shutdown();
        }
    }
}
