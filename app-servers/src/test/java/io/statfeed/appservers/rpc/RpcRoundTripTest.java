package io.statfeed.appservers.rpc;

import io.statfeed.http.SlowClients;
import io.statfeed.core.testing.RawHttp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.appservers.AppServer;
import io.statfeed.appservers.AppServerUnavailableException;
import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.appservers.analysis.AnalysisRequest;
import io.statfeed.appservers.analysis.Intervals;
import io.statfeed.appservers.analysis.StatAnalyzer;
import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.appservers.graph.GraphRequest;
import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.appservers.graph.XChartGraphService;
import io.statfeed.core.config.Settings;
import io.statfeed.core.model.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RpcRoundTripTest {
    static final long T0 = 1_767_571_200L;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static AppServer server;
    private static ReplicaClient graphClient;
    private static ReplicaClient analysisClient;

    @BeforeAll
    static void startServer() {
        server = AppServer.start(0, Optional.of(new XChartGraphService()), Optional.of(new StatAnalyzer()));
        graphClient = new ReplicaClient("graph", List.of(local(server.port())), TIMEOUT);
        analysisClient = new ReplicaClient("analysis", List.of(local(server.port())), TIMEOUT);
    }

    @AfterAll
    static void stopServer() {
        graphClient.close();
        analysisClient.close();
        server.close();
    }

    @Test
    void a_png_graph_comes_back_as_the_image_of_the_requested_size() throws IOException {
        GraphImage image = new RemoteGraphService(graphClient).render(graph(ImageFormat.PNG, 500, 200));

        assertEquals(ImageFormat.PNG, image.format());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        assertEquals(500, decoded.getWidth());
        assertEquals(200, decoded.getHeight());
    }

    @Test
    void a_week_of_minutes_with_its_previous_week_comes_back_as_the_image_drawn_in_process() {
        int minutes = 7 * 24 * 60;
        long[] times = new long[minutes];
        double[] now = new double[minutes];
        double[] before = new double[minutes];
        Random random = new Random(7);
        for (int i = 0; i < minutes; i++) {
            times[i] = T0 + i * 60L;
            now[i] = 100 + 60 * Math.sin(i / 230.0) + 20 * random.nextGaussian();
            before[i] = 90 + 50 * Math.sin(i / 230.0) + 20 * random.nextGaussian();
        }
        GraphRequest week = new GraphRequest(GraphStyle.FILL, ImageFormat.PNG, 760, 235, "signups", T0,
                T0 + minutes * 60L, List.of(new GraphRequest.Line("signups", GraphRequest.Role.CURRENT, times, now),
                        new GraphRequest.Line("previous 1w", GraphRequest.Role.PREVIOUS, times, before)));

        // Only what reaches the pixels travels (see LineThinning), and it draws the same picture.
        assertArrayEquals(new XChartGraphService().render(week).bytes(),
                new RemoteGraphService(graphClient).render(week).bytes());
    }

    @Test
    void a_graphs_marks_travel_with_it_and_come_back_drawn_as_in_process() {
        GraphRequest marked = graph(ImageFormat.PNG, 760, 235).withMarks(List.of(
                GraphRequest.Mark.labelled(T0 + 3_600, "deployed v2"),
                GraphRequest.Mark.labelled(T0 + 43_200, "<img src=x onerror=alert(1)>")));

        byte[] remote = new RemoteGraphService(graphClient).render(marked).bytes();

        assertArrayEquals(new XChartGraphService().render(marked).bytes(), remote);
        assertFalse(java.util.Arrays.equals(new XChartGraphService().render(graph(ImageFormat.PNG, 760, 235)).bytes(),
                remote), "the marks are drawn");
    }

    @Test
    void a_request_from_a_client_that_sends_no_marks_is_drawn_without_any() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode older = WireFormat.MAPPER.valueToTree(graph(ImageFormat.PNG, 300, 100));
        older.remove("marks");

        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + RpcRoutes.GRAPH_PATH))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(older.toString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, answer.statusCode());
        assertArrayEquals(new XChartGraphService().render(graph(ImageFormat.PNG, 300, 100)).bytes(), answer.body());
    }

    @Test
    void an_svg_graph_is_served_with_the_svg_content_type() throws Exception {
        HttpResponse<String> answer = post(RpcRoutes.GRAPH_PATH,
                WireFormat.MAPPER.writeValueAsString(graph(ImageFormat.SVG, 300, 100)));

        assertEquals(200, answer.statusCode());
        assertEquals("image/svg+xml", answer.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(answer.body().contains("<svg"), answer.body());
    }

    @Test
    void an_analysis_over_rpc_equals_the_one_done_in_process() {
        AnalysisRequest request = richAnalysisRequest();

        Analysis remote = new RemoteAnalysisService(analysisClient).analyze(request);

        Analysis local = new StatAnalyzer().analyze(request);
        assertEquals(local, remote);
        assertFalse(remote.anomalies().isEmpty(), "the request holds an anomaly");
        assertEquals(12, remote.forecast().size());
    }

    @Test
    void an_invalid_graph_request_is_refused_with_the_servers_message() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> new RemoteGraphService(graphClient).render(graph(ImageFormat.PNG, 10, 200)));

        assertEquals("width must be between 16 and 4000 pixels, got 10", refused.getMessage());
    }

    @Test
    void a_value_that_is_not_a_number_is_named_by_the_server() {
        GraphRequest request = new GraphRequest(GraphStyle.LINE, ImageFormat.PNG, 300, 100, "", T0, T0 + 120,
                List.of(new GraphRequest.Line("a", GraphRequest.Role.CURRENT, new long[] {T0, T0 + 60},
                        new double[] {1, Double.NaN})));

        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> new RemoteGraphService(graphClient).render(request));

        assertEquals("line 1: value 2 is not a finite number", refused.getMessage());
    }

    @Test
    void an_invalid_analysis_request_is_refused_with_the_servers_message() {
        Intervals ragged = new Intervals(T0, T0 + 5_400, 3_600, new long[0], new long[0], new double[0], new double[0],
                new double[0], new double[0]);

        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> new RemoteAnalysisService(analysisClient).analyze(new AnalysisRequest(true, ragged, null, null, 0)));

        assertEquals("current: the window (5400 s) must be a whole number of intervals of 3600 s", refused.getMessage());
    }

    @Test
    void a_malformed_chunked_body_or_one_cut_short_or_stalled_is_answered_4xx_in_json() throws Exception {
        String head = "POST " + RpcRoutes.ANALYSIS_PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
        RawHttp.Answer chunked = RawHttp.send(server.port(), head + "Transfer-Encoding: chunked\r\nConnection: close"
                + "\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");
        assertEquals(400, chunked.status(), chunked.body());
        assertTrue(chunked.body().contains("the request body could not be read: its chunked encoding is malformed"),
                chunked.body());

        RawHttp.Answer cut = RawHttp.send(server.port(), head + "Content-Length: 100\r\nConnection: close\r\n\r\n{\"a\"",
                true);
        assertEquals(400, cut.status(), cut.body());
        assertTrue(cut.body().contains("it ended before the 100 bytes its Content-Length declares"), cut.body());

        long started = System.nanoTime();
        RawHttp.Answer stalled = RawHttp.send(server.port(), head + "Content-Length: 100\r\n\r\n{\"a\"");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(408, stalled.status(), stalled.body());
        assertTrue(stalled.body().contains("the request body did not arrive in time"), stalled.body());
        assertTrue(took.compareTo(SlowClients.IDLE_TIMEOUT.plusSeconds(3)) < 0, "answered after " + took);
    }

    @Test
    void malformed_json_is_answered_400_in_json_without_a_stack_trace() throws Exception {
        HttpResponse<String> answer = post(RpcRoutes.ANALYSIS_PATH, "{\"counter\": tru");

        assertEquals(400, answer.statusCode());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElseThrow());
        var body = WireFormat.MAPPER.readTree(answer.body());
        assertEquals(400, body.get("status").asInt());
        assertTrue(body.get("msg").asText().startsWith("malformed JSON request: "), answer.body());
        assertFalse(answer.body().contains("\tat "), answer.body());
    }

    @Test
    void a_wrong_field_type_is_answered_400() throws Exception {
        HttpResponse<String> answer = post(RpcRoutes.GRAPH_PATH, "{\"style\":\"fill\",\"width\":\"wide\"}");

        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("malformed JSON request"), answer.body());
    }

    @Test
    void a_request_missing_its_lines_is_answered_400_naming_the_record() throws Exception {
        HttpResponse<String> answer = post(RpcRoutes.GRAPH_PATH, "{\"style\":\"fill\",\"format\":\"png\"}");

        assertEquals(400, answer.statusCode());
        assertEquals("{\"status\":400,\"msg\":\"malformed JSON request: GraphRequest has a missing or null field\"}",
                answer.body());
    }

    @Test
    void the_health_check_says_what_the_server_serves() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + RpcRoutes.HEALTH_PATH)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, answer.statusCode());
        assertEquals("{\"status\":200,\"msg\":\"ok\",\"serves\":[\"graph\",\"analysis\"]}", answer.body());
    }

    static GraphRequest graph(ImageFormat format, int width, int height) {
        long[] times = new long[1_440];
        double[] values = new double[1_440];
        for (int i = 0; i < times.length; i++) {
            times[i] = T0 + i * 60L;
            values[i] = 50 + 40 * Math.sin(i / 200.0);
        }
        return new GraphRequest(GraphStyle.FILL, format, width, height, "requests", T0, T0 + 86_400,
                List.of(new GraphRequest.Line("requests", GraphRequest.Role.CURRENT, times, values)));
    }

    /** A day of hourly counts against four weeks of history, with a burst at 14:00 and a forecast. */
    static AnalysisRequest richAnalysisRequest() {
        Random noise = new Random(3);
        int historyHours = 4 * 7 * 24;
        long historyStart = T0 - historyHours * 3_600L;
        Intervals history = hourlyCounts(historyStart, historyHours, noise, -1);
        Intervals current = hourlyCounts(T0, 24, noise, 14);
        Intervals previous = hourlyCounts(T0 - 86_400, 24, noise, -1);
        return new AnalysisRequest(true, current, previous, history, 12);
    }

    private static Intervals hourlyCounts(long start, int hours, Random noise, int burstHour) {
        long[] times = new long[hours];
        long[] counts = new long[hours];
        double[] totals = new double[hours];
        for (int h = 0; h < hours; h++) {
            times[h] = start + h * 3_600L;
            counts[h] = 1;
            totals[h] = h == burstHour ? 900 : Math.round(100 + 10 * noise.nextGaussian());
        }
        return new Intervals(start, start + hours * 3_600L, 3_600, times, counts, totals, totals.clone(), totals.clone(),
                new double[hours]);
    }

    static Settings.HostPort local(int port) {
        return new Settings.HostPort("127.0.0.1", port);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void asking_a_server_for_a_service_it_does_not_run_names_it() {
        try (AppServer graphOnly = AppServer.startGraph(0);
             ReplicaClient client = new ReplicaClient("analysis", List.of(local(graphOnly.port())), TIMEOUT)) {
            AppServerUnavailableException down = assertThrows(AppServerUnavailableException.class,
                    () -> new RemoteAnalysisService(client).analyze(richAnalysisRequest()));

            assertEquals("no analysis server answered: 127.0.0.1:" + graphOnly.port()
                    + " (answered 404: this app-server does not serve analysis)", down.getMessage());
        }
    }
}
