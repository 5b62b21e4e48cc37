package io.statfeed.interactor.feeds;

import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.core.storage.AnnotationStore;
import java.util.List;

/** A stat's newest annotations, for its page's list (its graph reads those in its window). */
public final class StatAnnotations {
    public static final int SHOWN = 20;

    private final AnnotationStore annotations;

    public StatAnnotations(AnnotationStore annotations) {
        this.annotations = annotations;
    }

    /** The stat must already be one the visitor may see. */
    public List<Annotation> latest(long statId) {
        return annotations.latest(statId, SHOWN);
    }
}
