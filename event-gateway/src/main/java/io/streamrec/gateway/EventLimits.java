package io.streamrec.gateway;

import java.time.Duration;

/**
 * What the validator accepts: the longest id and how far an event's time may be from the gateway's clock.
 *
 * @param maxIdLength    longest userId, itemId or eventId, in characters
 * @param maxFutureSkew  how far ahead of the receive time an eventTime may be
 * @param maxPastAge     how far before the receive time an eventTime may be
 */
record EventLimits(int maxIdLength, Duration maxFutureSkew, Duration maxPastAge) {

    static EventLimits from(GatewayConfig.GatewaySettings settings) {
        return new EventLimits(settings.maxIdLength(), Duration.ofMillis(settings.maxFutureSkewMs()),
                Duration.ofMillis(settings.maxPastAgeMs()));
    }
}
