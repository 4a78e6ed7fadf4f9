package io.streamrec.cli.traffic;

import io.streamrec.common.random.ZipfSampler;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One browsing session: a few product views drawn by popularity, some of which lead down the funnel to a click,
 * the cart and a purchase. The rates are typical e-commerce funnel figures, not measurements of a real shop.
 */
final class Shopper {
    static final double CLICK_AFTER_VIEW = 0.35;
    static final double CART_AFTER_CLICK = 0.25;
    static final double PURCHASE_AFTER_CART = 0.5;
    private static final double ANOTHER_VIEW = 0.75;
    private static final int MAX_VIEWS = 12;

    record Event(String userId, String itemId, String type) {
    }

    private final ZipfSampler items;
    private final int users;

    Shopper(ZipfSampler items, int users) {
        this.items = items;
        this.users = users;
    }

    List<Event> session(RandomGenerator random) {
        String user = "user-" + (1 + random.nextInt(users));
        List<Event> events = new ArrayList<>();
        int views = 0;
        do {
            String item = Catalogue.itemId(items.sample(random));
            events.add(new Event(user, item, "view"));
            if (random.nextDouble() < CLICK_AFTER_VIEW) {
                events.add(new Event(user, item, "click"));
                if (random.nextDouble() < CART_AFTER_CLICK) {
                    events.add(new Event(user, item, "add_to_cart"));
                    if (random.nextDouble() < PURCHASE_AFTER_CART) {
                        events.add(new Event(user, item, "purchase"));
                    }
                }
            }
            views++;
        } while (views < MAX_VIEWS && random.nextDouble() < ANOTHER_VIEW);
        return events;
    }
}
