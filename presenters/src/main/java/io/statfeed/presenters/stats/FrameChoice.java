package io.statfeed.presenters.stats;

import io.statfeed.core.model.GraphFrame;
import java.util.Arrays;
import java.util.List;

/** The time-frame buttons above a graph. */
public record FrameChoice(String key, String url, boolean active) {
    /** @param urlPrefix the page's address up to and including "tf=" */
    public static List<FrameChoice> all(String urlPrefix, String activeKey) {
        return Arrays.stream(GraphFrame.values())
                .map(frame -> new FrameChoice(frame.key(), urlPrefix + frame.key(), frame.key().equals(activeKey)))
                .toList();
    }
}
