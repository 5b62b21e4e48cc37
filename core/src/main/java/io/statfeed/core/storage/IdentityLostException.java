package io.statfeed.core.storage;

/**
 * Another process claimed this api-server's journal identity (a copy of its data folder, started
 * while this one was taken for gone): this one may write nothing more under it.
 */
public final class IdentityLostException extends RuntimeException {
    public IdentityLostException(String nodeId) {
        super("another api-server has claimed the journal identity " + nodeId
                + " since this one started; this one writes nothing more under it. Stop it, and start it "
                + "again with an empty STATFEED_DATA_DIR once you know which copy of its data folder is the right one",
                null, false, false);
    }
}
