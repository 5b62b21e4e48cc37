package io.statfeed.interactor.feeds;

import io.statfeed.core.storage.AnnotationStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;

/** A member of the account deletes one of its annotations; its activity leaves every feed with it. */
public final class DeleteAnnotation {
    private final AnnotationStore annotations;

    public DeleteAnnotation(AnnotationStore annotations) {
        this.annotations = annotations;
    }

    public void delete(Visitor visitor, String annotationId) {
        long id = parseId(annotationId);
        if (!annotations.delete(visitor.accountId(), id, PublishActivity.annotationForeignId(id))) {
            throw new NotFoundException("no annotation with id " + id);
        }
    }

    static long parseId(String text) {
        if (text == null || !text.matches("[0-9]{1,18}")) {
            throw new NotFoundException("no annotation with id '" + PageRequest.shown(String.valueOf(text)) + "'");
        }
        return Long.parseLong(text);
    }

}
