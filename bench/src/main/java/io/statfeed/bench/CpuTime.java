package io.statfeed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of processes and their threads from /proc: where the machine's two cores went
 * during a run (wrk, each server thread group, the database). Thread names are grouped with
 * their numbers dropped ("qtp12-34" and "qtp12-35" count together).
 */
final class CpuTime {
    /** Clock ticks per second of /proc's times; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuTime() {
    }

    /** CPU seconds used so far by each thread group of the process. */
    static Map<String, Double> byThread(long pid) {
        Map<String, Double> seconds = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String[] fields = stat(task.resolve("stat"));
                if (fields != null) {
                    seconds.merge(fields[0].replaceAll("[0-9]+", "N"), ticks(fields), Double::sum);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return seconds;
    }

    /** CPU seconds used so far by the process, or by every process of that command name. */
    static double ofProcess(long pid) {
        String[] fields = stat(Path.of("/proc/" + pid + "/stat"));
        return fields == null ? 0 : ticks(fields);
    }

    static double ofCommand(String command) {
        double total = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                String[] fields = stat(process.resolve("stat"));
                if (fields != null && fields[0].equals(command)) {
                    total += ticks(fields);
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    /** CPU seconds every core of the machine has been busy so far (from /proc/stat). */
    static double machineBusy() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length; i++) {
                if (i != 4 && i != 5) { // idle and iowait are not busy
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The difference of two readings, largest first, as "name 1.23 s" items. */
    static String difference(Map<String, Double> before, Map<String, Double> after, int top) {
        Map<String, Double> used = new TreeMap<>();
        after.forEach((name, s) -> used.put(name, s - before.getOrDefault(name, 0.0)));
        List<Map.Entry<String, Double>> sorted = used.entrySet().stream()
                .filter(e -> e.getValue() > 0.005)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(top).toList();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Double> e : sorted) {
            out.append(out.length() == 0 ? "" : ", ").append(String.format("%s %.2f", e.getKey(), e.getValue()));
        }
        return out.toString();
    }

    /** The command name, then the fields after it (the name may hold spaces and parentheses). */
    private static String[] stat(Path file) {
        try {
            String text = Files.readString(file);
            int open = text.indexOf('(');
            int close = text.lastIndexOf(')');
            String[] rest = text.substring(close + 2).split(" ");
            String[] fields = new String[rest.length + 1];
            fields[0] = text.substring(open + 1, close);
            System.arraycopy(rest, 0, fields, 1, rest.length);
            return fields;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime: fields 14 and 15 of /proc/PID/stat, here 12 and 13 after the name. */
    private static double ticks(String[] fields) {
        return (Long.parseLong(fields[12]) + Long.parseLong(fields[13])) / TICKS_PER_SECOND;
    }
}
