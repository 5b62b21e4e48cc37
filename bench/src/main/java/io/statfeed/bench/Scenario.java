package io.statfeed.bench;

import java.nio.file.Path;

/**
 * One kind of request wrk sends: where, which bodies (taken in turn from a file, one per line),
 * the statuses a right answer has, and how many points each request carries and stores.
 *
 * @param expect       the statuses a right answer may have, comma-separated
 * @param suffix       appended to every body with %d replaced by a number unique in the run, or null
 * @param lineBreaks   a backslash and n in a body line stand for a line break
 * @param points       data points one request carries
 * @param storedPoints data points one accepted request stores in Statfeed (0 for refusals and peers)
 */
record Scenario(String name, String path, String contentType, Path bodies, String expect, String suffix,
                boolean lineBreaks, int points, int storedPoints) {
    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";
    static final String TEXT = "text/plain";

    /** Every request answered 200 with all its points stored. */
    static Scenario accepted(String name, String path, String contentType, Path bodies, int points) {
        return new Scenario(name, path, contentType, bodies, "200", null, false, points, points);
    }

    /** Every request refused whole (one point each, nothing stored). */
    static Scenario refused(String name, String path, Path bodies, String expect, String suffix) {
        return new Scenario(name, path, FORM, bodies, expect, suffix, false, 1, 0);
    }
}
