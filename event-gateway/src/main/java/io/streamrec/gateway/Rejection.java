package io.streamrec.gateway;

/**
 * One event of a request that was not accepted.
 *
 * @param index the event's position in the request: array index, or count of non-blank lines before it in NDJSON
 * @param error every rule the event breaks, naming the fields
 */
record Rejection(int index, String error) {
}
