package io.streamrec.gateway;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {
    private final EventIds ids = new EventIds();

    @Test
    void idsAreRandomVersion4UuidsInTheirUsualForm() {
        String id = ids.get();
        UUID uuid = UUID.fromString(id);

        assertThat(uuid.version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.toString()).isEqualTo(id);
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void idsDoNotRepeatWithinOrAcrossThreads() {
        Set<String> seen = ConcurrentHashMap.newKeySet();

        IntStream.range(0, 40_000).parallel().forEach(i -> seen.add(ids.get()));

        assertThat(seen).hasSize(40_000);
    }
}
