package io.statfeed.scheduler;

import io.statfeed.core.config.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A scheduler node started as a process of its own on the test's MariaDB database, ready when it says so. */
final class NodeProcess {
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private NodeProcess() {
    }

    /** Where a node's output goes. */
    static Path logOf(Settings settings, String name) {
        return settings.dataDir().resolve(name + ".log");
    }

    static Process start(Settings settings, String name, Class<?> main, Map<String, String> environment,
                         String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Settings.DatabaseServer server = settings.databaseServer().orElseThrow();
        builder.environment().put("STATFEED_DB_URL", server.jdbcUrl());
        builder.environment().put("STATFEED_DB_USER", server.user());
        builder.environment().put("STATFEED_DB_PASSWORD", server.password());
        builder.environment().put("STATFEED_DATA_DIR", settings.dataDir().resolve(name).toString());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        String line;
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith(ClusterNodeMain.READY)) {
                Path log = logOf(settings, name);
                Thread drain = new Thread(() -> {
                    // the node's log, kept for a failing test to show; read, so it never fills the pipe
                    try (var file = java.nio.file.Files.newBufferedWriter(log)) {
                        for (String next = out.readLine(); next != null; next = out.readLine()) {
                            file.write(next);
                            file.newLine();
                            file.flush();
                        }
                    } catch (IOException | java.io.UncheckedIOException e) {
                        // the node was killed
                    }
                }, name + "-output");
                drain.setDaemon(true);
                drain.start();
                return process;
            }
        }
        process.destroyForcibly();
        throw new AssertionError("scheduler node " + name + " did not start");
    }
}
