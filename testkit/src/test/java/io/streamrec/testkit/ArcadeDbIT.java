package io.streamrec.testkit;

import com.arcadedb.database.Database;
import com.arcadedb.query.sql.executor.ResultSet;
import com.arcadedb.schema.Schema;
import com.arcadedb.schema.Type;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@WithArcadeDb
class ArcadeDbIT {

    @Test
    void theDatabaseIsUsableAndLivesUnderTarget(TestGraphDb graph) {
        Database db = graph.database();
        db.getSchema().createVertexType("User").createProperty("id", Type.STRING);
        db.getSchema().createTypeIndex(Schema.INDEX_TYPE.LSM_TREE, true, "User", "id");
        db.getSchema().createVertexType("Item").createProperty("id", Type.STRING);
        db.getSchema().createEdgeType("Interacted");

        db.transaction(() -> {
            var user = db.newVertex("User").set("id", "u-1").save();
            var item = db.newVertex("Item").set("id", "i-1").save();
            user.newEdge("Interacted", item, true, "weight", 2.0).save();
        });

        try (ResultSet result = db.query("sql",
                "SELECT expand(out('Interacted')) FROM User WHERE id = ?", "u-1")) {
            assertThat(result.stream().map(r -> r.<String>getProperty("id")).toList()).containsExactly("i-1");
        }
        assertThat(db.lookupByKey("User", "id", "u-1").hasNext()).isTrue();
        assertThat(graph.path()).startsWith(Path.of("target", "testkit").toAbsolutePath());
        assertThat(Files.isDirectory(graph.path())).isTrue();
    }

    @Test
    void theSameDatabaseIsReturnedEveryTime(TestGraphDb graph) {
        assertThat(graph.database()).isSameAs(graph.database());
    }
}
