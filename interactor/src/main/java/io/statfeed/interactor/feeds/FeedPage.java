package io.statfeed.interactor.feeds;

import io.statfeed.core.model.feeds.Activity;
import java.util.List;
import java.util.Optional;

/** A page of a feed, newest first, and the {@code id_lt} of the next (older) page when there is one. */
public record FeedPage(List<Activity> activities, Optional<Long> next) {
}
