package io.statfeed.interactor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.stats.SearchStats.StatList;
import io.statfeed.interactor.stats.SearchStats.StatSummary;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SearchStatsTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_person_finds_their_live_stats_by_any_part_of_the_name_in_any_case(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat apiErrors = world.counter(ada, "API errors");
            world.value(ada, "api latency");
            world.counter(ada, "signups");
            Stat trashed = world.counter(ada, "api old");
            world.stats.softDelete(ada.accountId(), trashed.id(), world.clock.millis());
            world.counter(world.newVisitor(), "api of someone else");

            StatList page = search(world).search(ada, "  Api ", 0);

            assertEquals("Api", page.query());
            assertEquals(List.of("API errors", "api latency"), names(page));
            assertEquals(new StatSummary(apiErrors.id(), "API errors", true, false, world.clock.millis()),
                    page.stats().get(0));
            assertFalse(page.more());
            assertEquals(List.of("API errors", "api latency", "signups"), names(search(world).search(ada, null, 0)));
            assertEquals(List.of(), names(search(world).search(ada, "50%", 0)));
        }
    }

    @Test
    void results_come_a_page_at_a_time() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            for (int i = 0; i < SearchStats.PAGE_SIZE + 1; i++) {
                world.counter(ada, String.format("stat %03d", i));
            }

            StatList first = search(world).search(ada, "stat", 0);
            StatList second = search(world).search(ada, "stat", SearchStats.PAGE_SIZE);

            assertEquals(SearchStats.PAGE_SIZE, first.stats().size());
            assertTrue(first.more());
            assertEquals(List.of("stat 100"), names(second));
            assertFalse(second.more());
        }
    }

    @Test
    void a_negative_offset_or_an_overlong_query_is_refused() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            assertEquals("offset must be 0 or more, got -1", assertThrows(InvalidInputException.class,
                    () -> search(world).search(ada, "", -1)).getMessage());
            assertEquals("search text is 256 characters long; at most 255 are allowed", assertThrows(
                    InvalidInputException.class, () -> search(world).search(ada, "q".repeat(256), 0)).getMessage());
        }
    }

    private static List<String> names(StatList page) {
        return page.stats().stream().map(StatSummary::name).toList();
    }

    private static SearchStats search(World world) {
        return new SearchStats(world.stats);
    }
}
