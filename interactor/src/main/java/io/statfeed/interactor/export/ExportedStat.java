package io.statfeed.interactor.export;

import io.statfeed.core.model.Stat;

/** A stat as the export API shows it. */
public record ExportedStat(long id, String name, boolean isPublic, boolean counter, String key) {
    static ExportedStat of(Stat stat) {
        return new ExportedStat(stat.id(), stat.name(), stat.isPublic(), stat.counter(), stat.key());
    }
}
