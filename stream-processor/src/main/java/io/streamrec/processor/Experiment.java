package io.streamrec.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An A/B experiment, stored as JSON in etcd under {@link #ETCD_PREFIX}{@code <name>}:
 * {@code {"salt": "s1", "groups": [{"name": "a", "percent": 50, "strategy": "default"}, ...]}}. A user joins a group
 * by a stable hash of salt and user id into 10,000 buckets, so the same user stays in the same group on every
 * instance and restart, and changing the salt reshuffles everyone. Percentages may sum to less than 100: the other
 * users are in no group and get the configured strategy.
 *
 * @param salt   mixed into the hash
 * @param groups in order; each covers the next {@code percent} of the buckets
 */
public record Experiment(String salt, List<Group> groups) {
    public static final String ETCD_PREFIX = "/streamrec/experiments/";
    static final int BUCKETS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param name     the experiment group written to recommendations
     * @param percent  share of users, 0-100, in steps of 0.01
     * @param strategy name of the strategy under {@link Strategy#ETCD_PREFIX} the group gets
     */
    public record Group(String name, double percent, String strategy) {
    }

    public Experiment {
        if (salt == null || salt.isEmpty()) {
            throw new IllegalArgumentException("salt must be a non-empty string");
        }
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("groups must list at least one group");
        }
        double total = 0;
        for (Group group : groups) {
            if (!Strategy.isValidName(group.name()) || !Strategy.isValidName(group.strategy())) {
                throw new IllegalArgumentException("group and strategy names must be 1-128 letters, digits, '.', '_'"
                        + " or '-': " + group);
            }
            if (!(group.percent() >= 0 && group.percent() <= 100)) {
                throw new IllegalArgumentException("percent of group " + group.name() + " must be 0-100, not "
                        + group.percent());
            }
            total += group.percent();
        }
        if (total > 100.000001) {
            throw new IllegalArgumentException("the percentages of the groups add up to " + total + ", over 100");
        }
        groups = List.copyOf(groups);
    }

    /** Parses an experiment's JSON; fits {@code WatchedPrefix.Parser}. */
    public static Experiment parse(String name, String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Group> groups = new ArrayList<>();
            for (JsonNode group : root.path("groups")) {
                groups.add(new Group(group.path("name").asText(null), group.path("percent").asDouble(-1),
                        group.path("strategy").asText(null)));
            }
            return new Experiment(root.path("salt").asText(null), groups);
        } catch (Exception e) {
            throw new IllegalArgumentException("experiment '" + name + "' is invalid: " + e.getMessage(), e);
        }
    }

    /** The user's group, or null when the user falls in no group. */
    Group groupOf(String userId) {
        int bucket = bucketOf(userId);
        double upTo = 0;
        for (Group group : groups) {
            upTo += group.percent() * (BUCKETS / 100.0);
            if (bucket < Math.round(upTo)) {
                return group;
            }
        }
        return null;
    }

    /** 0 to {@link #BUCKETS} − 1, uniform and stable: murmur2, as Kafka partitions keys. */
    int bucketOf(String userId) {
        return Utils.toPositive(Utils.murmur2((salt + ':' + userId).getBytes(StandardCharsets.UTF_8))) % BUCKETS;
    }
}
