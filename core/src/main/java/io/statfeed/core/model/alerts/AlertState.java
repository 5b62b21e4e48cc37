package io.statfeed.core.model.alerts;

/** An alert is ok until its condition holds, then firing until it no longer does. */
public enum AlertState {
    OK("ok"),
    FIRING("firing");

    private final String apiName;

    AlertState(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static AlertState fromApiName(String name) {
        return OK.apiName.equals(name) ? OK : FIRING;
    }
}
