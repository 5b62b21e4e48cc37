package io.statfeed.appservers;

/** Every replica of an app-server failed or timed out; the message names each and why. */
public final class AppServerUnavailableException extends RuntimeException {
    public AppServerUnavailableException(String message) {
        super(message);
    }
}
