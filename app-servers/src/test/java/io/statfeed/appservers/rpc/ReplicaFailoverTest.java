package io.statfeed.appservers.rpc;

import static io.statfeed.appservers.rpc.RpcRoundTripTest.graph;
import static io.statfeed.appservers.rpc.RpcRoundTripTest.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.statfeed.appservers.AppServer;
import io.statfeed.appservers.AppServerUnavailableException;
import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.appservers.graph.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two graph servers in their own JVMs, one killed without warning in the middle of a run of
 * calls: graphs keep coming from the other, and with both gone the error names each.
 */
class ReplicaFailoverTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long START_SECONDS = 30;
    private static final int CALLS = 20;
    private static final int KILL_AFTER = 6;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(START_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void graphs_keep_coming_when_one_of_two_graph_servers_is_killed() throws Exception {
        CompletableFuture<Server> startingA = CompletableFuture.supplyAsync(this::startGraphServer);
        CompletableFuture<Server> startingB = CompletableFuture.supplyAsync(this::startGraphServer);
        Server a = startingA.get(START_SECONDS, TimeUnit.SECONDS);
        Server b = startingB.get(START_SECONDS, TimeUnit.SECONDS);

        try (ReplicaClient client = new ReplicaClient("graph", List.of(local(a.port()), local(b.port())), TIMEOUT)) {
            RemoteGraphService graphs = new RemoteGraphService(client);
            for (int call = 0; call < CALLS; call++) {
                if (call == KILL_AFTER) {
                    a.process().destroyForcibly();
                    assertTrue(a.process().waitFor(START_SECONDS, TimeUnit.SECONDS), "the killed server exits");
                }
                assertIsPngOfSize(graphs.render(graph(ImageFormat.PNG, 400, 150)), 400, 150);
            }
        }

        b.process().destroyForcibly();
        assertTrue(b.process().waitFor(START_SECONDS, TimeUnit.SECONDS), "the second server exits");
        try (ReplicaClient fresh = new ReplicaClient("graph", List.of(local(a.port()), local(b.port())), TIMEOUT)) {
            AppServerUnavailableException down = assertThrows(AppServerUnavailableException.class,
                    () -> new RemoteGraphService(fresh).render(graph(ImageFormat.PNG, 400, 150)));

            assertEquals("no graph server answered: 127.0.0.1:" + a.port() + " (connection refused), 127.0.0.1:"
                    + b.port() + " (connection refused)", down.getMessage());
        }
    }

    private Server startGraphServer() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire's own class path is a launcher jar; the test class path is in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try {
            Process process = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Xmx256m",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath,
                    AppServer.class.getName(), "graph", "0")
                    .redirectErrorStream(true)
                    .start();
            synchronized (children) {
                children.add(process);
            }
            return new Server(process, readyPort(process));
        } catch (IOException e) {
            throw new IllegalStateException("starting a graph server", e);
        }
    }

    /** Reads the child's output until it says it listens; keeps draining it afterwards. */
    private static int readyPort(Process process) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(AppServer.READY_LINE)) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "drain-child-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(AppServer.READY_LINE.length()).trim());
            }
            seen.add(line);
        }
        fail("the graph server exited before listening: " + String.join("\n", seen));
        return -1;
    }

    private static void assertIsPngOfSize(GraphImage image, int width, int height) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        assertEquals(width, decoded.getWidth());
        assertEquals(height, decoded.getHeight());
    }

    private record Server(Process process, int port) {
    }
}
