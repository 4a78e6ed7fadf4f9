package io.streamrec.common.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceGroupTest {
    private final List<String> events = new ArrayList<>();

    private Service service(String name, boolean failsToStart) {
        return new Service() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                if (failsToStart) {
                    throw new IllegalStateException("boom");
                }
                events.add("start " + name);
            }

            @Override
            public void close() {
                events.add("stop " + name);
            }
        };
    }

    @Test
    void stopsInReverseOrderOnce() {
        ServiceGroup group = new ServiceGroup().start(service("a", false)).start(service("b", false));

        group.close();
        group.close();

        assertThat(events).containsExactly("start a", "start b", "stop b", "stop a");
    }

    @Test
    void aFailedStartStopsWhatAlreadyRunsAndNamesTheService() {
        ServiceGroup group = new ServiceGroup().start(service("a", false));

        assertThatThrownBy(() -> group.start(service("b", true)))
                .isInstanceOf(StartupException.class)
                .hasMessage("b failed to start: boom");
        assertThat(events).containsExactly("start a", "stop a");
    }

    @Test
    void aClosedGroupStartsNothingMore() {
        ServiceGroup group = new ServiceGroup();
        group.close();

        assertThatThrownBy(() -> group.start(service("late", false)))
                .isInstanceOf(StartupException.class)
                .hasMessage("stopping: late was not started");
        assertThat(events).isEmpty();
    }
}
