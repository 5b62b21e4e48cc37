package io.statfeed.apiserver;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;

/** Runs the api-server alone, from the environment's settings. */
public final class ApiServerMain {
    private ApiServerMain() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment();
        Database database = Database.open(settings);
        ApiServer server = ApiServer.start(settings, database);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            database.close();
        }, "statfeed-shutdown"));
    }
}
