package io.statfeed.apiserver;

import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the api-server alone, from the environment's settings; arguments are data folders of
 * api-servers gone for good, whose journals it adopts first.
 */
public final class ApiServerMain {
    private ApiServerMain() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment();
        Database database = Database.open(settings);
        List<Path> adopt = Arrays.stream(args).map(Path::of).toList();
        ApiServer server;
        try {
            server = ApiServer.start(settings, database, adopt);
        } catch (RuntimeException e) {
            System.err.println("api-server could not start: " + e.getMessage());
            database.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            database.close();
        }, "statfeed-shutdown"));
    }
}
