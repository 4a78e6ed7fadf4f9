package io.streamrec.gateway;

import io.streamrec.schemas.Interaction;

import java.util.List;

/**
 * A request's events after validation.
 *
 * @param valid    the events to publish, in request order
 * @param rejected the others, each with its index in the request and what is wrong with it
 */
record JudgedEvents(List<Interaction> valid, List<Rejection> rejected) {
}
