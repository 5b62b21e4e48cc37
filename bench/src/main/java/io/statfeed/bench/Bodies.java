package io.statfeed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The request bodies of every scenario, one per line, written once per layout. */
record Bodies(Path classic, Path ezForm, Path json, Path jsonOpen, Path unknownKey, Path badNumber, Path deletedKeys,
              Path influxSingle, Path influxBatch) {

    static Bodies write(Path dir, List<Population.Account> accounts, Population.Account trash) throws IOException {
        Files.createDirectories(dir);
        List<String> classic = new ArrayList<>();
        List<String> ez = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        List<String> json = new ArrayList<>();
        List<String> jsonOpen = new ArrayList<>();
        List<String> influxSingle = new ArrayList<>();
        List<String> influxBatch = new ArrayList<>();
        for (Population.Account a : accounts) {
            StringBuilder lines = new StringBuilder();
            for (String stat : a.stats()) {
                classic.add("ukey=" + a.ukey() + "&key=" + a.keys().get(stat) + "&count=1");
                ez.add("ezkey=" + a.ezkey() + "&stat=" + Population.form(stat) + "&count=1");
                bad.add("ezkey=" + a.ezkey() + "&stat=" + Population.form(stat) + "&count=1x");
                String line = "stats,account=a" + a.number() + ",stat=" + stat.replace(" ", "\\ ") + " count=1i";
                influxSingle.add(line);
                lines.append(lines.length() == 0 ? "" : "\\n").append(line);
            }
            String batch = Population.batch(a, "");
            json.add(batch);
            jsonOpen.add(batch.substring(0, batch.length() - 2));
            influxBatch.add(lines.toString());
        }
        List<String> deleted = new ArrayList<>();
        for (String key : trash.keys().values()) {
            deleted.add("ukey=" + trash.ukey() + "&key=" + key + "&count=1");
        }
        return new Bodies(
                lines(dir.resolve("c.txt"), IngestBench.shuffled(classic)),
                lines(dir.resolve("ez.txt"), IngestBench.shuffled(ez)),
                lines(dir.resolve("json.txt"), IngestBench.shuffled(json)),
                lines(dir.resolve("json-open.txt"), IngestBench.shuffled(jsonOpen)),
                lines(dir.resolve("unknown.txt"), List.of("stat=signups&count=1&ezkey=")),
                lines(dir.resolve("bad.txt"), IngestBench.shuffled(bad)),
                lines(dir.resolve("deleted.txt"), deleted),
                lines(dir.resolve("influx-single.txt"), IngestBench.shuffled(influxSingle)),
                lines(dir.resolve("influx-batch.txt"), IngestBench.shuffled(influxBatch)));
    }

    private static Path lines(Path file, List<String> lines) throws IOException {
        Files.write(file, lines);
        return file;
    }
}
