package io.statfeed.webapp;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;

/** A web-app in a process of its own, configured from the environment as scripts/run web is; says its port when ready. */
public final class WebNodeMain {
    static final String READY = "web-app ready on port ";

    private WebNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings = Settings.fromEnvironment();
        Database database = Database.open(settings);
        WebServer server = WebServer.start(settings, database);
        System.out.println(READY + server.port());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
