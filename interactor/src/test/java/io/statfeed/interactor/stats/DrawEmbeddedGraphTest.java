package io.statfeed.interactor.stats;

import static io.statfeed.interactor.stats.DrawStatGraphTest.spec;
import static io.statfeed.interactor.stats.Images.assertPng;
import static io.statfeed.interactor.stats.ViewStatTest.id;
import static io.statfeed.interactor.testing.World.bucket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.sharing.CreateShareLink;
import io.statfeed.interactor.sharing.MakeStatPublic;
import io.statfeed.interactor.sharing.RevokeShareLink;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

class DrawEmbeddedGraphTest {
    private static final long HOUR_START = 1_699_996_440L;
    private static final GraphSpec SPEC = spec("1h", 760, 235, GraphStyle.FILL, ImageFormat.PNG, "");

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_share_token_and_a_public_stats_id_draw_one_graph_for_anyone(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Visitor bob = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            Stat bobsPublic = world.value(bob, "load");
            String token = new CreateShareLink(world.stats).create(ada, signups.id()).token();
            new MakeStatPublic(world.stats).makePublic(bob, bobsPublic.id(), true);
            world.store(signups, Resolution.MINUTE, bucket(HOUR_START, 3));
            world.store(bobsPublic, Resolution.MINUTE, bucket(HOUR_START, 0.5));

            assertPng(760, 235, draw(world).draw(List.of(token, id(bobsPublic)), SPEC));
            assertPng(200, 50, draw(world).draw(List.of(token),
                    spec("1d", 200, 50, GraphStyle.SPARK, ImageFormat.PNG, "")));
            Element svg = Images.svg(draw(world).draw(List.of(id(bobsPublic)),
                    spec("1w", 300, 100, GraphStyle.MINI, ImageFormat.SVG, "Load")));
            assertEquals("300px", svg.getAttribute("width"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_private_stats_id_an_unknown_key_or_a_revoked_token_draws_nothing(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            Stat revoked = world.counter(ada, "revoked");
            String token = new CreateShareLink(world.stats).create(ada, revoked.id()).token();
            new RevokeShareLink(world.stats).revoke(ada, revoked.id());

            for (String key : List.of(id(signups), "no-such-token", token, "", "a b", "x".repeat(65))) {
                assertEquals("no shared stat for that key", assertThrows(NotFoundException.class,
                        () -> draw(world).draw(List.of(key), SPEC)).getMessage(), key);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void one_bad_key_among_good_ones_fails_the_whole_image(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat shared = world.counter(ada, "shared");
            Stat secret = world.counter(ada, "secret");
            String token = new CreateShareLink(world.stats).create(ada, shared.id()).token();

            assertThrows(NotFoundException.class, () -> draw(world).draw(List.of(token, id(secret)), SPEC));
            assertThrows(NotFoundException.class, () -> draw(world).draw(List.of(id(secret), token), SPEC));
        }
    }

    @Test
    void an_embed_names_one_to_twenty_stats() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            List<String> many = IntStream.rangeClosed(1, 21).mapToObj(Integer::toString).toList();

            assertEquals("name a stat to draw: s1=KEY (a share token or a public stat's id)", assertThrows(
                    InvalidInputException.class, () -> draw(world).draw(List.of(), SPEC)).getMessage());
            assertEquals("at most 20 stats fit in one embedded graph, got 21", assertThrows(
                    InvalidInputException.class, () -> draw(world).draw(many, SPEC)).getMessage());
        }
    }

    @Test
    void an_embed_over_a_bad_frame_is_refused() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            new MakeStatPublic(world.stats).makePublic(ada, signups.id(), true);

            assertThrows(InvalidInputException.class, () -> draw(world).draw(List.of(id(signups)),
                    spec("forever", 760, 235, GraphStyle.FILL, ImageFormat.PNG, "")));
        }
    }

    private static DrawEmbeddedGraph draw(World world) {
        return new DrawEmbeddedGraph(world.statAccess(), world.drawing(), world.clock);
    }
}
