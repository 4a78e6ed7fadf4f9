package io.streamrec.sink.store;

import java.util.List;

/** How to reach ArangoDB. The password never appears in {@link #toString()}, hence in no log line or error. */
public record ArangoDbOptions(List<Host> hosts, String database, String user, String password, boolean tls,
                              int timeoutMs) {

    public ArangoDbOptions {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one ArangoDB host is needed");
        }
    }

    @Override
    public String toString() {
        return "ArangoDbOptions[hosts=" + hosts + ", database=" + database + ", user=" + user + ", tls=" + tls
                + ", timeoutMs=" + timeoutMs + "]";
    }

    /** One {@code host:port}. */
    public record Host(String name, int port) {

        /** @throws IllegalArgumentException saying what is wrong with {@code hostAndPort} */
        public static Host parse(String hostAndPort) {
            String trimmed = hostAndPort.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("'" + hostAndPort + "' is not host:port");
            }
            try {
                int port = Integer.parseInt(trimmed.substring(colon + 1));
                if (port < 1 || port > 65_535) {
                    throw new IllegalArgumentException("'" + hostAndPort + "' has a port outside 1-65535");
                }
                return new Host(trimmed.substring(0, colon), port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + hostAndPort + "' has a port that is not a number", e);
            }
        }

        @Override
        public String toString() {
            return name + ":" + port;
        }
    }
}
