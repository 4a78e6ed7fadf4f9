package io.streamrec.gateway;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventsResponsesTest {

    @Test
    void acceptedListsTheRejectionsByIndex() {
        assertThat(EventsResponses.accepted(2, List.of(new Rejection(1, "userId is required"))))
                .isEqualTo("{\"accepted\":2,\"rejected\":[{\"index\":1,\"error\":\"userId is required\"}]}");
        assertThat(EventsResponses.accepted(1, List.of())).isEqualTo("{\"accepted\":1,\"rejected\":[]}");
    }

    @Test
    void aSingleInvalidEventIsNamedInTheError() {
        assertThat(EventsResponses.noneValid(List.of(new Rejection(0, "type is required"))))
                .isEqualTo("{\"error\":\"event rejected: type is required\",\"accepted\":0,"
                        + "\"rejected\":[{\"index\":0,\"error\":\"type is required\"}]}");
    }

    @Test
    void aBatchWithNoValidEventPointsToTheList() {
        assertThat(EventsResponses.noneValid(List.of(new Rejection(0, "a \"quoted\" problem"), new Rejection(1, "b"))))
                .isEqualTo("{\"error\":\"none of the 2 events is valid; see rejected\",\"accepted\":0,\"rejected\":["
                        + "{\"index\":0,\"error\":\"a \\\"quoted\\\" problem\"},{\"index\":1,\"error\":\"b\"}]}");
    }
}
