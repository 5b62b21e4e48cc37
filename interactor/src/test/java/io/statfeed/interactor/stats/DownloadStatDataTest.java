package io.statfeed.interactor.stats;

import static io.statfeed.interactor.stats.ViewStatTest.id;
import static io.statfeed.interactor.testing.World.bucket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.TimeFrame;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.sharing.MakeStatPublic;
import io.statfeed.interactor.stats.DownloadStatData.StatData;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DownloadStatDataTest {
    /** 1d1h at NOW_SECONDS: 24 hours from 23:00 on the 13th, the last holding now. */
    private static final long DAY_START = 1_699_916_400L;
    private static final long HOUR = 3_600;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_counters_download_has_every_interval_of_the_frame_with_exactly_what_was_counted(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            world.store(signups, Resolution.HOUR, bucket(DAY_START - HOUR, 9), bucket(DAY_START, 2),
                    bucket(DAY_START + 23 * HOUR, 1, 2));
            world.store(signups, Resolution.MINUTE, bucket(DAY_START, 50));

            StatData data = download(world).download(Optional.of(ada), id(signups), "1d1h");

            List<Point> expected = new ArrayList<>();
            for (int hour = 0; hour < 24; hour++) {
                expected.add(new Point(DAY_START + hour * HOUR, hour == 0 ? 2 : hour == 23 ? 3 : 0));
            }
            assertEquals(new StatData(signups, new Window("1d1h", DAY_START, DAY_START + 24 * HOUR, HOUR), expected),
                    data);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_value_stats_download_has_the_mean_of_each_interval_that_holds_points(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat load = world.value(ada, "load");
            world.store(load, Resolution.HOUR, bucket(DAY_START + 3 * HOUR, 1, 2, 6), bucket(DAY_START + 7 * HOUR, 0.5));

            StatData data = download(world).download(Optional.of(ada), id(load), "1d1h");

            assertEquals(List.of(new Point(DAY_START + 3 * HOUR, 3), new Point(DAY_START + 7 * HOUR, 0.5)),
                    data.points());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_private_stat_is_downloaded_by_its_owner_only_and_a_public_one_by_anyone(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            world.store(signups, Resolution.HOUR, bucket(DAY_START, 4));

            assertThrows(NotFoundException.class,
                    () -> download(world).download(Optional.of(world.newVisitor()), id(signups), "1d1h"));
            assertThrows(NotFoundException.class, () -> download(world).download(Optional.empty(), id(signups), "1d1h"));
            new MakeStatPublic(world.stats).makePublic(ada, signups.id(), true);
            assertEquals(new Point(DAY_START, 4),
                    download(world).download(Optional.empty(), id(signups), "1d1h").points().get(0));
        }
    }

    @Test
    void a_download_over_a_bad_frame_is_refused() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");

            assertEquals("time frame tf: time frame '1y1m' asks for 525600 points; at most " + TimeFrame.MAX_POINTS + " are allowed; "
                    + "or use one of 1h, 1d, 1w, 1M, 3M, 1y, all", assertThrows(InvalidInputException.class,
                    () -> download(world).download(Optional.of(ada), id(signups), "1y1m")).getMessage());
        }
    }

    private static DownloadStatData download(World world) {
        return new DownloadStatData(world.statAccess(), world.seriesReader(), world.clock);
    }
}
