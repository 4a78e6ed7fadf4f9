package io.streamrec.common.http;

/** A service reachable over HTTP, so that it can be registered and its health polled. */
public interface HttpEndpoint {

    /** The bound port, which differs from the configured one when that was 0. */
    int port();
}
