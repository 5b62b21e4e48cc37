package io.statfeed.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a profiled run's time went: JFR's execution samples grouped by thread (numbers dropped
 * from names), and per group the methods most often at the top of the stack (self) and the
 * application and library methods most often anywhere on it (total), leaving out thread-pool
 * and lambda plumbing. Printed by scripts/bench-ingest
 * under BENCH_PROFILE=1, or on its own: {@code java -cp bench.jar io.statfeed.bench.ProfileSummary FILE.jfr}.
 */
public final class ProfileSummary {
    private static final int METHODS_PER_GROUP = 8;
    private static final int GROUPS = 5;

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        summarize(Path.of(args[0])).forEach(System.out::println);
    }

    static List<String> summarize(Path recording) throws IOException {
        Map<String, Integer> samples = new HashMap<>();
        Map<String, Map<String, Integer>> onStack = new HashMap<>();
        Map<String, Map<String, Integer>> onTop = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            String group = thread == null ? "?" : String.valueOf(thread.getJavaName()).replaceAll("[0-9]+", "N");
            samples.merge(group, 1, Integer::sum);
            Set<String> methods = new HashSet<>();
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                if (methods.isEmpty()) {
                    onTop.computeIfAbsent(group, g -> new HashMap<>()).merge(method, 1, Integer::sum);
                }
                methods.add(method);
            }
            Map<String, Integer> counts = onStack.computeIfAbsent(group, g -> new HashMap<>());
            methods.forEach(method -> counts.merge(method, 1, Integer::sum));
        }
        int total = samples.values().stream().mapToInt(Integer::intValue).sum();
        List<String> lines = new java.util.ArrayList<>();
        samples.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(GROUPS).forEach(group -> {
            lines.add(String.format("      %s: %d of %d samples", group.getKey(), group.getValue(), total));
            top(onTop.get(group.getKey()), group.getValue(), "self ", method -> true, lines);
            top(onStack.get(group.getKey()), group.getValue(), "total", ProfileSummary::telling, lines);
        });
        return lines;
    }

    private static void top(Map<String, Integer> counts, int samples, String kind,
                            java.util.function.Predicate<String> keep, List<String> lines) {
        counts.entrySet().stream().filter(e -> keep.test(e.getKey()))
                .sorted((a, b) -> b.getValue() - a.getValue()).limit(METHODS_PER_GROUP)
                .forEach(e -> lines.add(String.format("        %s %3.0f%%  %s", kind, 100.0 * e.getValue() / samples,
                        e.getKey())));
    }

    /** Methods that say what the thread was doing, not how it was scheduled. */
    private static boolean telling(String method) {
        return !method.contains("$$Lambda") && !method.contains("lambda$")
                && !method.startsWith("java.util.concurrent.") && !method.startsWith("java.lang.Thread.")
                && !method.startsWith("org.eclipse.jetty.util.thread.") && !method.startsWith("java.lang.Iterable.");
    }
}
