package io.statfeed.launcher;

import io.statfeed.apiserver.ApiServer;
import io.statfeed.appservers.AppServer;
import io.statfeed.core.config.ConfigException;
import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.Database;
import io.statfeed.scheduler.SchedulerServer;
import io.statfeed.webapp.WebServer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the tiers a role names, sharing one storage pool, and stops them in reverse order on
 * SIGTERM so that the api-server flushes everything it acknowledged. The app-server roles
 * (graph, analysis) open no storage at all.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    private static final int USAGE_EXIT = 2;

    private Main() {
    }

    public static void main(String[] args) {
        Command command;
        Role role;
        Settings settings;
        try {
            command = Command.parse(args);
            role = command.role();
            settings = Settings.fromEnvironment();
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("statfeed: " + e.getMessage());
            System.err.println(Command.usage());
            System.exit(USAGE_EXIT);
            return;
        }
        Deque<AutoCloseable> running = new ArrayDeque<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(running), "statfeed-shutdown"));
        try {
            if (role.graph) {
                running.push(AppServer.startGraph(settings.appServers().graphPort()));
            }
            if (role.analysis) {
                running.push(AppServer.startAnalysis(settings.appServers().analysisPort()));
            }
            if (role.needsDatabase()) {
                Database database = startStorageTiers(command, settings, running);
                if (command.demo()) {
                    running.push(Demo.start(settings, database));
                }
            }
        } catch (RuntimeException e) {
            log.error("statfeed could not start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    private static Database startStorageTiers(Command command, Settings settings, Deque<AutoCloseable> running) {
        Role role = command.role();
        Database database = Database.open(settings);
        running.push(database);
        if (role.api) {
            running.push(ApiServer.start(settings, database, command.adopt()));
        }
        if (role.web) {
            running.push(WebServer.start(settings, database));
        }
        if (role.scheduler) {
            running.push(SchedulerServer.start(settings, database));
        }
        log.info("statfeed {} running; data in {}; storage {}", role.name().toLowerCase(Locale.ROOT),
                settings.dataDir(), settings.databaseServer().map(Object::toString).orElse("embedded"));
        return database;
    }

    private static void stopAll(Deque<AutoCloseable> running) {
        synchronized (running) {
            while (!running.isEmpty()) {
                AutoCloseable tier = running.pop();
                try {
                    tier.close();
                } catch (Exception e) {
                    log.warn("stopping {}: {}", tier.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
