package io.streamrec.sink.store;

/** The two kinds of vertex in the graph. */
public enum VertexKind {
    USER, ITEM
}
