package io.statfeed.appservers.graph;

import io.statfeed.core.concurrent.InParallel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Times the renderer on the product's reference graph: a week of minute data (10,080 points) at
 * 760x235, warm. Not a unit test (timings on a shared machine make flaky assertions); run it by hand:
 * <pre>
 * mvn -q -B -ntp -o -pl app-servers test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Djava.awt.headless=true -cp app-servers/target/classes:app-servers/target/test-classes:$(cat app-servers/target/cp.txt) \
 *     io.statfeed.appservers.graph.RenderBenchmark [folder for sample images]
 * </pre>
 */
public final class RenderBenchmark {
    private static final int WARM_UP = 300;
    private static final int MEASURED = 500;
    private static final double NANOS_PER_MILLI = 1e6;

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        XChartGraphService service = new XChartGraphService();
        GraphRequest png = SampleGraphs.weekOfMinutes(GraphStyle.FILL, ImageFormat.PNG);
        GraphRequest svg = SampleGraphs.weekOfMinutes(GraphStyle.FILL, ImageFormat.SVG);
        report("PNG fill 760x235, 10,080 points", service, png);
        report("PNG fill 760x235, 10,080 points + previous week", service,
                SampleGraphs.withPrevious(png));
        report("SVG fill 760x235, 10,080 points", service, svg);
        report("PNG spark 120x30, 10,080 points", service, SampleGraphs.weekOfMinutes(GraphStyle.SPARK, ImageFormat.PNG, 120, 30));
        ExecutorService painters = Executors.newFixedThreadPool(2);
        try {
            report("PNG fill 760x235, 10,080 points, 2 stripes at once",
                    new XChartGraphService(new InParallel(painters), 2), png);
        } finally {
            painters.shutdownNow();
        }
        if (args.length > 0) {
            writeSamples(service, Path.of(args[0]));
        }
    }

    private static void report(String name, XChartGraphService service, GraphRequest request) {
        for (int i = 0; i < WARM_UP; i++) {
            service.render(request);
        }
        long[] nanos = new long[MEASURED];
        int bytes = 0;
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            bytes = service.render(request).bytes().length;
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-50s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  %,d bytes%n", name,
                nanos[MEASURED / 2] / NANOS_PER_MILLI, nanos[MEASURED * 9 / 10] / NANOS_PER_MILLI,
                nanos[MEASURED * 99 / 100] / NANOS_PER_MILLI, bytes);
    }

    private static void writeSamples(XChartGraphService service, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (var entry : SampleGraphs.gallery().entrySet()) {
            GraphImage image = service.render(entry.getValue());
            Files.write(folder.resolve(entry.getKey() + "." + image.format().extension()), image.bytes());
        }
        System.out.println("samples in " + folder.toAbsolutePath() + ": " + List.copyOf(SampleGraphs.gallery().keySet()));
    }
}
