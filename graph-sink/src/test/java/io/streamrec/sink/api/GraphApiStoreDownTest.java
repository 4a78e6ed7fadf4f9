package io.streamrec.sink.api;

import com.arcadedb.database.Database;
import com.arcadedb.database.DatabaseFactory;
import io.streamrec.common.http.HttpService;
import io.streamrec.common.http.Readiness;
import io.streamrec.common.metrics.Metrics;
import io.streamrec.sink.store.ArcadeDbGraphStore;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class GraphApiStoreDownTest {

    @Test
    void aClosedStoreAnswers503() throws Exception {
        Path directory = Path.of("target", "arcadedb-tests", UUID.randomUUID().toString());
        Database db = new DatabaseFactory(directory.toString()).create();
        HttpService http = new HttpService("graph-api-test", "127.0.0.1", 0,
                GraphApi.routes(new ArcadeDbGraphStore(db)), new Readiness(), Metrics.prometheus("graph-api-test"));
        http.start();
        try {
            db.close();

            for (String path : new String[]{"/v1/graph/users/u1/items", "/v1/graph/items/i1"}) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + http.port() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(path).isEqualTo(503);
                assertThat(response.body()).contains("graph store is unavailable");
            }
        } finally {
            http.close();
        }
    }
}
