package io.statfeed.core.model;

/** An account owns stats and the keys that post to them. */
public record Account(long id, String ezkey, String ukey, boolean emailEzkey) {
}
