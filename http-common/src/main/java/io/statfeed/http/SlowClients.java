package io.statfeed.http;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * How long a client may take: every server tier installs these, so a client that stops sending
 * in the middle of a request, or trickles its body, holds a request thread for seconds, not for
 * Jetty's default 30 s (or, dripping a byte at a time, for ever). Bodies are read through
 * {@link RequestBodies}, which applies {@link #BODY_TIME_LIMIT}.
 */
public final class SlowClients {
    /**
     * A connection that sends nothing for this long is closed; a request still waiting for its
     * body is answered 408. Keep-alive connections idle this long are closed too, which clients
     * expect (they open a new one).
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A body still arriving this long after its reading began is answered 408. A limit on the
     * whole, not a minimum rate: Jetty's rate counts from the first byte's arrival, so a small
     * body whose request waited a second in a busy server was refused (seen in scripts/bench-ingest).
     */
    public static final Duration BODY_TIME_LIMIT = Duration.ofSeconds(20);

    private SlowClients() {
    }

    public static void configure(JavalinConfig config) {
        // Javalin adds its connector after these hooks run and just before the server starts.
        config.jetty.modifyServer(server -> server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : ((Server) event).getConnectors()) {
                    if (connector instanceof AbstractConnector network) {
                        network.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                    }
                }
            }
        }));
    }
}
