package io.streamrec.sink.store;

import java.util.Map;

/** An AQL text with its bind variables: everything a query sends, in a form tests can read. */
record AqlQuery(String text, Map<String, Object> bindVars) {
    AqlQuery {
        bindVars = Map.copyOf(bindVars);
    }
}
