package io.statfeed.presenters.json;

/** StatHat's status answer, for successes without data and for every error: {@code {"status":N,"msg":"..."}}. */
public final class StatusJson {
    private record Status(int status, String msg) {
    }

    private StatusJson() {
    }

    public static String of(int status, String msg) {
        return Json.write(new Status(status, msg));
    }

    public static String ok(String msg) {
        return of(200, msg);
    }
}
