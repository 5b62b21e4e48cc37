package io.statfeed.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server process the benchmark started: its pid, readiness, memory, and a clean stop. */
final class Proc implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");
    private static final Pattern HEAP_LINE = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern MAX_HEAP = Pattern.compile("MaxHeapSize=(\\d+)");

    final String name;
    private final Process process;
    private final Path log;

    private Proc(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Proc start(String name, List<String> command, Map<String, String> env, Path workDir, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new Proc(name, builder.start(), log);
    }

    /** Where the process's output goes. */
    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until {@code url} answers 2xx, failing early if the process dies. */
    Proc awaitHealthy(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() / 100 == 2) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not become healthy at " + url + "; see " + log);
    }

    /** Waits until the process's output has a line containing {@code text}, failing early if it dies. */
    Proc awaitLine(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " never said '" + text + "'; see " + log);
    }

    /** Resident set size now and at its peak, in MiB, from /proc. */
    String memory() throws IOException {
        String status = Files.readString(Path.of("/proc/" + pid() + "/status"));
        return String.format("RSS %d MiB (peak %d MiB), heap %s", kib(RSS, status) / 1024, kib(HWM, status) / 1024,
                heap());
    }

    long rssMib() throws IOException {
        return kib(RSS, Files.readString(Path.of("/proc/" + pid() + "/status"))) / 1024;
    }

    /** Heap in use, committed and the maximum, as the JVM reports them (jcmd GC.heap_info). */
    private String heap() {
        try {
            long used = 0;
            long committed = 0;
            for (String line : jcmd("GC.heap_info").split("\n")) {
                if (line.contains("Metaspace") || line.contains("class space")) {
                    continue;
                }
                Matcher m = HEAP_LINE.matcher(line);
                if (m.find() && !line.startsWith("  ")) {
                    committed += Long.parseLong(m.group(1));
                    used += Long.parseLong(m.group(2));
                }
            }
            Matcher max = MAX_HEAP.matcher(jcmd("VM.flags"));
            String maxText = max.find() ? Long.parseLong(max.group(1)) / (1 << 20) + " MiB" : "?";
            return String.format("%d MiB used of %d MiB committed, max %s", used / 1024, committed / 1024, maxText);
        } catch (IOException | InterruptedException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Starts a flight recording (JFR, profiling settings) of this JVM. */
    void startProfile() throws IOException, InterruptedException {
        jcmd("JFR.start", "name=bench", "settings=profile");
    }

    /** Stops the recording and writes it to {@code file}. */
    void stopProfile(Path file) throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=bench", "filename=" + file);
    }

    private String jcmd(String... what) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid())));
        command.addAll(List.of(what));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static long kib(Pattern pattern, String status) {
        Matcher m = pattern.matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** SIGTERM, as an operator stops it, then waits for it to finish writing. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
