package io.streamrec.cli.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo shop's items: ids {@code item-1..item-N} with stable, readable names, so the live page shows
 * "Walnut Desk Lamp" rather than an id. Item 1 is the most popular under the simulator's Zipf distribution.
 */
public final class Catalogue {
    private static final List<String> MATERIALS = List.of("Walnut", "Ceramic", "Linen", "Copper", "Oak", "Wool",
            "Glass", "Leather", "Bamboo", "Steel", "Cotton", "Marble", "Cork", "Velvet", "Brass", "Stone");
    private static final List<String> THINGS = List.of("Desk Lamp", "Mug", "Throw", "Kettle", "Bookshelf",
            "Scarf", "Vase", "Notebook", "Cutting Board", "Bottle", "Tote Bag", "Coaster Set", "Planter",
            "Cushion", "Clock", "Bowl", "Candle", "Rug", "Headphones", "Backpack");

    private final int size;

    public Catalogue(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the catalogue needs at least one item, not " + size);
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** {@code [{"itemId","name"}...]}, the push service's {@code streamrec.push.catalog-file} format. */
    public void writeJson(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ArrayNode items = json.createArrayNode();
        for (int rank = 1; rank <= size; rank++) {
            items.addObject().put("itemId", itemId(rank)).put("name", name(rank));
        }
        Files.writeString(file, json.writeValueAsString(items));
    }

    public static String itemId(int rank) {
        return "item-" + rank;
    }

    /** Unique for the first 320 items; after that names repeat with a number. */
    public String name(int rank) {
        int index = rank - 1;
        String base = MATERIALS.get(index % MATERIALS.size()) + " " + THINGS.get(index / MATERIALS.size() % THINGS.size());
        int round = index / (MATERIALS.size() * THINGS.size());
        return round == 0 ? base : base + " " + (round + 1);
    }
}
