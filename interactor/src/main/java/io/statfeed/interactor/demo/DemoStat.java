package io.statfeed.interactor.demo;

/** The stats of the demo account: what a small web shop with a public API would track. */
public enum DemoStat {
    PAGE_VIEWS("page views", true),
    SIGNUPS("signups", true),
    ORDERS("orders", true),
    API_REQUESTS("api requests", true),
    ERRORS("errors", true),
    EMAILS_SENT("emails sent", true),
    API_LATENCY_MS("api latency ms", false),
    QUEUE_DEPTH("queue depth", false),
    CPU_PERCENT("cpu %", false),
    ORDER_VALUE_USD("order value usd", false);

    private final String statName;
    private final boolean counter;

    DemoStat(String statName, boolean counter) {
        this.statName = statName;
        this.counter = counter;
    }

    /** The stat's name in the account, as a client would post it. */
    public String statName() {
        return statName;
    }

    /** A counter (summed per interval) or a value (averaged). */
    public boolean counter() {
        return counter;
    }
}
