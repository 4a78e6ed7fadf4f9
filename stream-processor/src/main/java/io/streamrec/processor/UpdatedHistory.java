package io.streamrec.processor;

import io.streamrec.schemas.Interaction;

/**
 * What the history updater hands the recommender: the interaction and the user's history right after it, so that the
 * recommender does not read and decode from the store what was just written there.
 *
 * @param interaction the interaction that triggered the recommendation
 * @param history     the user's history including it
 */
record UpdatedHistory(Interaction interaction, RecentItems history) {
}
