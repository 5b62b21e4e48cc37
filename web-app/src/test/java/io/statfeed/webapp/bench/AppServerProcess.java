package io.statfeed.webapp.bench;

import io.statfeed.appservers.AppServer;
import io.statfeed.core.config.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A graph or analysis app-server in a JVM of its own, as {@code scripts/run graph|analysis} runs one. */
final class AppServerProcess implements AutoCloseable {
    private static final long STOP_SECONDS = 10;

    private final String kind;
    private final Process process;
    private final int port;

    private AppServerProcess(String kind, Process process, int port) {
        this.kind = kind;
        this.process = process;
        this.port = port;
    }

    /** Starts {@code graph} or {@code analysis} on a free port with this JVM's class path and the given options. */
    static AppServerProcess start(String kind, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AppServer.class.getName(), kind, "0"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + kind + "-server"));
        return new AppServerProcess(kind, process, readyPort(kind, process));
    }

    Settings.HostPort address() {
        return new Settings.HostPort("127.0.0.1", port);
    }

    /** Reads the child's output until it says it listens; keeps draining it afterwards. */
    private static int readyPort(String kind, Process process) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(AppServer.READY_LINE)) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "drain-" + kind + "-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(AppServer.READY_LINE.length()).trim());
            }
        }
        throw new IOException("the " + kind + " server closed its output before listening; its errors are above");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            System.err.println("the " + kind + " server did not stop within " + STOP_SECONDS + " s; killing it");
            process.destroyForcibly();
        }
    }
}
