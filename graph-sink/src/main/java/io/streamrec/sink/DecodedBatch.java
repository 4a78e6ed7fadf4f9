package io.streamrec.sink;

import io.streamrec.schemas.UserItemEdge;

import java.util.List;

/** A batch's records split into the edges to write and the records passed over. */
record DecodedBatch(List<UserItemEdge> edges, List<SkippedRecord> skipped) {
}
