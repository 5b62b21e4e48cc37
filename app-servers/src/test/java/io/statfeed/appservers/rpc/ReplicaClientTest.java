package io.statfeed.appservers.rpc;

import static io.statfeed.appservers.rpc.RpcRoundTripTest.graph;
import static io.statfeed.appservers.rpc.RpcRoundTripTest.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.statfeed.appservers.AppServer;
import io.statfeed.appservers.AppServerUnavailableException;
import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.model.InvalidInputException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplicaClientTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    void calls_succeed_while_one_of_two_replicas_is_not_running() throws IOException {
        int nothing = freePort();
        try (AppServer live = AppServer.startGraph(0);
             ReplicaClient client = new ReplicaClient("graph", List.of(local(nothing), local(live.port())), TIMEOUT)) {
            RemoteGraphService graphs = new RemoteGraphService(client);
            for (int call = 0; call < 6; call++) {
                GraphImage image = graphs.render(graph(ImageFormat.PNG, 200, 80));
                assertTrue(image.bytes().length > 0);
            }
        }
    }

    @Test
    void when_every_replica_fails_the_message_names_each_and_why() throws IOException {
        int refusing = freePort();
        try (ServerSocket silent = new ServerSocket(0);
             ReplicaClient client = new ReplicaClient("graph", List.of(local(refusing), local(silent.getLocalPort())),
                     TIMEOUT)) {
            // The silent one takes connections into its backlog but never answers.
            AppServerUnavailableException down = assertThrows(AppServerUnavailableException.class,
                    () -> new RemoteGraphService(client).render(graph(ImageFormat.PNG, 200, 80)));

            String message = down.getMessage();
            assertTrue(message.startsWith("no graph server answered: "), message);
            assertTrue(message.contains("127.0.0.1:" + refusing + " (connection refused)"), message);
            assertTrue(message.contains("127.0.0.1:" + silent.getLocalPort() + " (timed out after 300 ms)"), message);
        }
    }

    @Test
    void a_server_error_is_retried_on_the_next_replica() {
        AtomicInteger failures = new AtomicInteger();
        Javalin broken = Javalin.create(config -> config.showJavalinBanner = false)
                .post(RpcRoutes.GRAPH_PATH, ctx -> {
                    failures.incrementAndGet();
                    ctx.status(500).result("{\"status\":500,\"msg\":\"out of memory\"}");
                })
                .start(0);
        try (AppServer live = AppServer.startGraph(0);
             ReplicaClient client = new ReplicaClient("graph", List.of(local(broken.port()), local(live.port())),
                     TIMEOUT)) {
            RemoteGraphService graphs = new RemoteGraphService(client);
            for (int call = 0; call < 4; call++) {
                assertTrue(graphs.render(graph(ImageFormat.PNG, 200, 80)).bytes().length > 0);
            }
            // Tried once, then marked down and skipped while live answers.
            assertEquals(1, failures.get());
        } finally {
            broken.stop();
        }
    }

    @Test
    void a_refused_request_is_not_retried_elsewhere() {
        AtomicInteger asked = new AtomicInteger();
        Javalin first = refusingServer(asked);
        Javalin second = refusingServer(asked);
        try (ReplicaClient client = new ReplicaClient("graph", List.of(local(first.port()), local(second.port())),
                TIMEOUT)) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> new RemoteGraphService(client).render(graph(ImageFormat.PNG, 200, 80)));

            assertEquals("no such style", refused.getMessage());
            assertEquals(1, asked.get());
        } finally {
            first.stop();
            second.stop();
        }
    }

    private static Javalin refusingServer(AtomicInteger asked) {
        return Javalin.create(config -> config.showJavalinBanner = false)
                .post(RpcRoutes.GRAPH_PATH, ctx -> {
                    asked.incrementAndGet();
                    ctx.status(400).result("{\"status\":400,\"msg\":\"no such style\"}");
                })
                .start(0);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
