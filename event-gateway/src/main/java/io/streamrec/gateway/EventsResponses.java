package io.streamrec.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The JSON bodies of {@code POST /v1/events} answers that list per-event results. */
final class EventsResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventsResponses() {
    }

    /** 202: {@code {"accepted":n,"rejected":[{"index":i,"error":"..."}]}}. */
    static String accepted(int accepted, List<Rejection> rejected) {
        if (rejected.isEmpty()) {
            // the answer to nearly every request: no tree to build and print
            return "{\"accepted\":" + accepted + ",\"rejected\":[]}";
        }
        return JSON.createObjectNode()
                .put("accepted", accepted)
                .set("rejected", rejections(rejected))
                .toString();
    }

    /** 400 when no event is valid: the error shape every service uses, plus the per-event errors. */
    static String noneValid(List<Rejection> rejected) {
        String error = rejected.size() == 1
                ? "event rejected: " + rejected.get(0).error()
                : "none of the " + rejected.size() + " events is valid; see rejected";
        ObjectNode body = JSON.createObjectNode().put("error", error).put("accepted", 0);
        body.set("rejected", rejections(rejected));
        return body.toString();
    }

    private static ArrayNode rejections(List<Rejection> rejected) {
        ArrayNode array = JSON.createArrayNode();
        rejected.forEach(r -> array.addObject().put("index", r.index()).put("error", r.error()));
        return array;
    }
}
