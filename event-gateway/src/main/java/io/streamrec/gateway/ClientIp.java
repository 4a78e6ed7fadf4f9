package io.streamrec.gateway;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

import java.util.Optional;

/** The client's IP: the TCP peer, or the last address a trusted proxy put in the configured header. */
final class ClientIp {
    private final Optional<HttpString> header;

    ClientIp(Optional<String> header) {
        this.header = header.map(HttpString::new);
    }

    String of(HttpServerExchange exchange) {
        if (header.isPresent()) {
            String value = exchange.getRequestHeaders().getLast(header.get());
            if (value != null && !value.isBlank()) {
                // the proxy appends the address it saw: the last entry is the one a client cannot forge
                String[] hops = value.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return exchange.getSourceAddress().getAddress().getHostAddress();
    }
}
