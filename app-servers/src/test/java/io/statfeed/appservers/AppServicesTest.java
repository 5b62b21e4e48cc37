package io.statfeed.appservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.appservers.analysis.AnalysisRequest;
import io.statfeed.appservers.analysis.Intervals;
import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.appservers.graph.GraphRequest;
import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.config.Settings;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppServicesTest {
    private static final long T0 = 1_767_571_200L;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void with_no_replicas_listed_both_services_run_in_process() {
        try (AppServices services = AppServices.connect(settings(List.of(), List.of()))) {
            assertFalse(services.graphIsRemote());
            assertFalse(services.analysisIsRemote());
            assertPng(services.graph().render(graph()));
            assertEquals(3, services.analysis().analyze(analysis()).summary().total());
        }
    }

    @Test
    void with_replicas_listed_both_services_are_called_over_rpc() {
        try (AppServer graphServer = AppServer.startGraph(0);
             AppServer analysisServer = AppServer.startAnalysis(0);
             AppServices services = AppServices.connect(settings(List.of(local(graphServer.port())),
                     List.of(local(analysisServer.port()))))) {
            assertTrue(services.graphIsRemote());
            assertTrue(services.analysisIsRemote());
            assertPng(services.graph().render(graph()));
            assertEquals(3, services.analysis().analyze(analysis()).summary().total());
        }
    }

    @Test
    void graphs_can_be_remote_while_analysis_stays_in_process() throws IOException {
        int nothing;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothing = socket.getLocalPort();
        }
        try (AppServices services = AppServices.connect(settings(List.of(local(nothing)), List.of()))) {
            assertTrue(services.graphIsRemote());
            assertFalse(services.analysisIsRemote());
            assertEquals(3, services.analysis().analyze(analysis()).summary().total());
            AppServerUnavailableException down = assertThrows(AppServerUnavailableException.class,
                    () -> services.graph().render(graph()));
            assertEquals("no graph server answered: 127.0.0.1:" + nothing + " (connection refused)", down.getMessage());
        }
    }

    private static void assertPng(GraphImage image) {
        assertEquals(ImageFormat.PNG, image.format());
        assertEquals((byte) 0x89, image.bytes()[0]);
        assertEquals('P', image.bytes()[1]);
    }

    private static GraphRequest graph() {
        return new GraphRequest(GraphStyle.SPARK, ImageFormat.PNG, 100, 20, "", T0, T0 + 180,
                List.of(new GraphRequest.Line("a", GraphRequest.Role.CURRENT, new long[] {T0, T0 + 60, T0 + 120},
                        new double[] {1, 3, 2})));
    }

    private static AnalysisRequest analysis() {
        Intervals current = new Intervals(T0, T0 + 120, 60, new long[] {T0, T0 + 60}, new long[] {1, 1},
                new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 4});
        return new AnalysisRequest(true, current, null, null, 0);
    }

    private static Settings.AppServers settings(List<Settings.HostPort> graph, List<Settings.HostPort> analysis) {
        return new Settings.AppServers(graph, analysis, Settings.DEFAULT_GRAPH_PORT, Settings.DEFAULT_ANALYSIS_PORT,
                TIMEOUT);
    }

    private static Settings.HostPort local(int port) {
        return new Settings.HostPort("127.0.0.1", port);
    }
}
