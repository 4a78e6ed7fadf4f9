package io.streamrec.processor.bench;

import io.streamrec.schemas.Interaction;
import io.streamrec.schemas.InteractionType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * MovieLens 100K, read in place from the shared datasets directory (research licence: never copied into the repo),
 * split 75/25 per user with a fixed seed, like Recommenders' python_stratified_split: each user's ratings are
 * shuffled and the first round(0.75 × n) go to training.
 */
public record MovieLens(List<Rating> train, Map<String, Set<String>> test) {
    public static final Path DEFAULT_PATH = Path.of("/work/shared/datasets/ml-100k/u.data");

    /** By time, then user, then item: the order the benchmark replays, so each user's history order. */
    private static final Comparator<Rating> REPLAY_ORDER = Comparator.comparingLong(Rating::epochSeconds)
            .thenComparing(Rating::userId).thenComparing(Rating::itemId);

    public record Rating(String userId, String itemId, int stars, long epochSeconds) {
        /** The event a rating replays as: 5 stars a purchase, 4 add_to_cart, 3 click, 1-2 view, at its time. */
        public Interaction asEvent() {
            InteractionType type = switch (stars) {
                case 5 -> InteractionType.purchase;
                case 4 -> InteractionType.add_to_cart;
                case 3 -> InteractionType.click;
                default -> InteractionType.view;
            };
            return interaction("ml-" + userId + "-" + itemId, userId, itemId, type,
                    Instant.ofEpochSecond(epochSeconds));
        }
    }

    public static MovieLens load(Path data, double trainRatio, long seed) throws IOException {
        return split(byUser(readRatings(data)), trainRatio, shuffled(new Random(seed)));
    }

    /**
     * Each user's earliest ratings for training and the latest for test: a split that asks for the future, where
     * the random one can reward pairing items rated at the same time.
     */
    public static MovieLens loadByTime(Path data, double trainRatio) throws IOException {
        return split(byUser(readRatings(data)), trainRatio, ratings -> ratings.sort(REPLAY_ORDER));
    }

    /**
     * A validation split carved from this split's training ratings alone, the same way: strategies tuned on it
     * never see the test ratings.
     */
    public MovieLens validation(double trainRatio, long seed) {
        return split(byUser(train), trainRatio, shuffled(new Random(seed)));
    }

    private static List<Rating> readRatings(Path data) throws IOException {
        List<Rating> ratings = new ArrayList<>();
        for (String line : Files.readAllLines(data)) {
            if (!line.isBlank()) {
                String[] f = line.split("\t");
                ratings.add(new Rating("u" + f[0], "m" + f[1], Integer.parseInt(f[2]), Long.parseLong(f[3])));
            }
        }
        return ratings;
    }

    private static Map<String, List<Rating>> byUser(List<Rating> ratings) {
        Map<String, List<Rating>> byUser = new TreeMap<>();
        ratings.forEach(rating -> byUser.computeIfAbsent(rating.userId(), u -> new ArrayList<>()).add(rating));
        return byUser;
    }

    /** Each user's ratings in a random order that depends only on the seed and the users before it. */
    private static Consumer<List<Rating>> shuffled(Random random) {
        return ratings -> {
            ratings.sort(Comparator.comparing(Rating::itemId));
            Collections.shuffle(ratings, random);
        };
    }

    /** Puts each user's ratings in {@code order}; the first round(trainRatio × n) train, the others are held out. */
    private static MovieLens split(Map<String, List<Rating>> byUser, double trainRatio, Consumer<List<Rating>> order) {
        List<Rating> train = new ArrayList<>();
        Map<String, Set<String>> test = new HashMap<>();
        for (List<Rating> ratings : byUser.values()) {
            order.accept(ratings);
            int cut = (int) Math.round(trainRatio * ratings.size());
            train.addAll(ratings.subList(0, cut));
            Set<String> held = new HashSet<>();
            ratings.subList(cut, ratings.size()).forEach(r -> held.add(r.itemId()));
            test.put(ratings.get(0).userId(), held);
        }
        train.sort(REPLAY_ORDER);
        return new MovieLens(List.copyOf(train), Map.copyOf(test));
    }

    static Interaction interaction(String eventId, String userId, String itemId, InteractionType type, Instant at) {
        return Interaction.newBuilder().setEventId(eventId).setUserId(userId).setItemId(itemId).setType(type)
                .setEventTime(at).setContext(Map.of()).build();
    }
}
