package io.streamrec.cli.traffic;

import io.streamrec.common.random.ZipfSampler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShopperTest {
    private final Shopper shopper = new Shopper(new ZipfSampler(50, 1.0), 10);

    @Test
    void aSessionIsOneUserAndEachFunnelStepFollowsThePreviousOneForTheSameItem() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1_000; i++) {
            List<Shopper.Event> session = shopper.session(random);
            assertThat(session).extracting(Shopper.Event::userId).containsOnly(session.get(0).userId());
            for (int j = 1; j < session.size(); j++) {
                Shopper.Event event = session.get(j);
                Shopper.Event previous = session.get(j - 1);
                switch (event.type()) {
                    case "view" -> { }
                    case "click" -> assertThat(previous).isEqualTo(new Shopper.Event(event.userId(), event.itemId(), "view"));
                    case "add_to_cart" -> assertThat(previous.type()).isEqualTo("click");
                    case "purchase" -> assertThat(previous.type()).isEqualTo("add_to_cart");
                    default -> throw new AssertionError("unexpected type " + event.type());
                }
            }
            assertThat(session.get(0).type()).isEqualTo("view");
        }
    }

    @Test
    void theFunnelNarrowsAtTheDocumentedRates() {
        SplittableRandom random = new SplittableRandom(5);
        Map<String, Long> byType = IntStream.range(0, 20_000)
                .mapToObj(i -> shopper.session(random)).flatMap(List::stream)
                .collect(Collectors.groupingBy(Shopper.Event::type, Collectors.counting()));

        assertThat(byType.get("click") / (double) byType.get("view")).isCloseTo(Shopper.CLICK_AFTER_VIEW, within(0.02));
        assertThat(byType.get("add_to_cart") / (double) byType.get("click")).isCloseTo(Shopper.CART_AFTER_CLICK, within(0.02));
        assertThat(byType.get("purchase") / (double) byType.get("add_to_cart")).isCloseTo(Shopper.PURCHASE_AFTER_CART, within(0.03));
    }
}
