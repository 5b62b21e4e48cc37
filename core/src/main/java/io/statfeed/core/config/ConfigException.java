package io.statfeed.core.config;

/** A setting is missing or out of range; the message names the environment variable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
