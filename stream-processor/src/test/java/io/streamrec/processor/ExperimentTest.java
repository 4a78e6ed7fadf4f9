package io.streamrec.processor;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExperimentTest {
    private static final String AB = """
            {"salt": "s1", "groups": [
              {"name": "control", "percent": 50, "strategy": "default"},
              {"name": "lift", "percent": 30, "strategy": "lifty"},
              {"name": "pop", "percent": 10, "strategy": "popular"}]}""";

    @Test
    void groupProportionsHoldWithinToleranceOver100kUsers() {
        Experiment experiment = Experiment.parse("ab", AB);
        Map<String, Integer> counts = new HashMap<>();
        int users = 100_000;
        for (int i = 0; i < users; i++) {
            Experiment.Group group = experiment.groupOf("user-" + i);
            counts.merge(group == null ? "none" : group.name(), 1, Integer::sum);
        }

        // binomial standard deviation at 100k users is at most 0.16 percentage points: 1 point is > 6 sigma
        assertThat(counts.get("control") / (double) users).isCloseTo(0.50, within(0.01));
        assertThat(counts.get("lift") / (double) users).isCloseTo(0.30, within(0.01));
        assertThat(counts.get("pop") / (double) users).isCloseTo(0.10, within(0.01));
        assertThat(counts.get("none") / (double) users).as("the rest: no group").isCloseTo(0.10, within(0.01));
    }

    @Test
    void assignmentIsStableAndTheSaltReshuffles() {
        Experiment experiment = Experiment.parse("ab", AB);
        Experiment again = Experiment.parse("ab", AB);
        Experiment resalted = Experiment.parse("ab", AB.replace("\"s1\"", "\"s2\""));
        int moved = 0;
        for (int i = 0; i < 1000; i++) {
            String user = "u" + i;
            assertThat(again.groupOf(user)).isEqualTo(experiment.groupOf(user));
            if (!String.valueOf(experiment.groupOf(user)).equals(String.valueOf(resalted.groupOf(user)))) {
                moved++;
            }
        }
        assertThat(moved).as("a new salt draws users anew").isGreaterThan(300);
    }

    @Test
    void invalidExperimentsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Experiment.parse("x", "{\"salt\": \"s\", \"groups\": [{\"name\": \"a\", \"percent\": 70,"
                + " \"strategy\": \"d\"}, {\"name\": \"b\", \"percent\": 40, \"strategy\": \"d\"}]}"))
                .hasMessageContaining("experiment 'x' is invalid").hasMessageContaining("over 100");
        assertThatThrownBy(() -> Experiment.parse("x", "{\"groups\": []}")).hasMessageContaining("salt");
        assertThatThrownBy(() -> Experiment.parse("x", "not json")).hasMessageContaining("experiment 'x' is invalid");
    }
}
