package io.statfeed.webapp;

import io.statfeed.core.testing.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

/**
 * One {@link TestServer} per storage backend, started when a test first asks for it and shared by
 * the tests of a class (each test works in accounts of its own), to keep the suite fast.
 */
final class ServerPerBackend implements AutoCloseable {
    private final Map<Backend, TestServer> servers = new EnumMap<>(Backend.class);
    private final Map<Backend, Site> sites = new EnumMap<>(Backend.class);
    private final Path dataDir;

    ServerPerBackend(String name) {
        try {
            dataDir = Files.createTempDirectory("statfeed-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestServer server(Backend backend) {
        return servers.computeIfAbsent(backend, b -> new TestServer(b, dataDir.resolve(b.name().toLowerCase())));
    }

    Site site(Backend backend) {
        return sites.computeIfAbsent(backend, b -> new Site(server(b)));
    }

    @Override
    public void close() throws IOException {
        try {
            for (TestServer server : servers.values()) {
                server.close();
            }
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
