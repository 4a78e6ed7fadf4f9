package io.streamrec.common.random;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ZipfSamplerTest {

    @Test
    void frequenciesFallAsOneOverRank() {
        ZipfSampler sampler = new ZipfSampler(100, 1.0);
        SplittableRandom random = new SplittableRandom(7);
        int[] counts = new int[101];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            counts[sampler.sample(random)]++;
        }

        double harmonic = 0;
        for (int rank = 1; rank <= 100; rank++) {
            harmonic += 1.0 / rank;
        }
        assertThat(counts[0]).isZero();
        assertThat(counts[1] / (double) draws).isCloseTo(1 / harmonic, within(0.01));
        assertThat(counts[1] / (double) counts[2]).isCloseTo(2.0, within(0.15));
        assertThat(counts[1] / (double) counts[10]).isCloseTo(10.0, within(1.5));
    }

    @Test
    void alwaysDrawsARankInRange() {
        ZipfSampler sampler = new ZipfSampler(3, 2.0);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(sampler.sample(random)).isBetween(1, 3);
        }
    }

    @Test
    void needsAtLeastOneRank() {
        assertThatThrownBy(() -> new ZipfSampler(0, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
