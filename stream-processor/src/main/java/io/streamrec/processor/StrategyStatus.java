package io.streamrec.processor;

import io.etcd.jetcd.Client;
import io.streamrec.common.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

import static io.streamrec.common.etcd.EtcdClients.bytes;

/**
 * Tells operators, in etcd next to their edit, whether the processor accepted each strategy:
 * {@code /streamrec/status/strategies/<name>} holds {@code {"valid": false, "error": "...", "checkedAt": "..."}} after
 * a rejected version and {@code {"valid": true, ...}} after an accepted one. Written asynchronously from the watch
 * thread, outside the watched prefix; a failed write is only logged, since the log and metric say it too.
 */
final class StrategyStatus {
    static final String ETCD_PREFIX = "/streamrec/status/strategies/";
    private static final Logger log = LoggerFactory.getLogger(StrategyStatus.class);

    private final Client etcd;

    StrategyStatus(Client etcd) {
        this.etcd = etcd;
    }

    void accepted(String name) {
        write(name, "{\"valid\":true,\"checkedAt\":" + Json.quote(Instant.now().toString()) + "}");
    }

    void rejected(String name, String error) {
        log.atError().addKeyValue("key", Strategy.ETCD_PREFIX + name).addKeyValue("error", error)
                .log("rejected an invalid strategy; the last good version stays in force");
        write(name, "{\"valid\":false,\"error\":" + Json.quote(error) + ",\"checkedAt\":"
                + Json.quote(Instant.now().toString()) + "}");
    }

    private void write(String name, String json) {
        etcd.getKVClient().put(bytes(ETCD_PREFIX + name), bytes(json)).whenComplete((response, error) -> {
            if (error != null) {
                log.atWarn().addKeyValue("key", ETCD_PREFIX + name).log("cannot write strategy status: {}", error.toString());
            }
        });
    }
}
