package io.streamrec.common.lifecycle;

/**
 * Something with a start and a graceful stop. {@link #close()} must finish in-flight work (flush, commit) before it
 * returns, so that stopping loses nothing.
 */
public interface Service extends AutoCloseable {

    String name();

    void start() throws Exception;

    @Override
    void close() throws Exception;
}
