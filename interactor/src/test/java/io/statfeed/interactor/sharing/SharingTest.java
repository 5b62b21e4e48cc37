package io.statfeed.interactor.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.sharing.CreateShareLink.ShareLink;
import io.statfeed.interactor.sharing.OpenSharedStat.SharedStat;
import io.statfeed.interactor.sharing.ViewSharing.Sharing;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SharingTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_private_stat_cannot_be_opened_by_its_id(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Stat stat = world.counter(world.newVisitor(), "signups");

            assertNothingShared(world, String.valueOf(stat.id()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_public_stat_is_opened_by_its_id_until_it_is_made_private_again(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat stat = world.counter(ada, "signups");

            new MakeStatPublic(world.stats).makePublic(ada, stat.id(), true);
            assertEquals(new SharedStat(stat.id(), "signups", true, true), open(world).open(String.valueOf(stat.id())));
            assertEquals(new Sharing(stat.id(), "signups", true, Optional.empty()), viewSharing(world).view(ada, stat.id()));

            new MakeStatPublic(world.stats).makePublic(ada, stat.id(), false);
            assertNothingShared(world, String.valueOf(stat.id()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_share_link_opens_its_private_stat_and_a_new_link_revokes_the_old_one(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat stat = world.value(ada, "load");

            ShareLink first = createLink(world).create(ada, stat.id());
            assertEquals(new SharedStat(stat.id(), "load", false, false), open(world).open(first.token()));
            assertEquals(Optional.of(first.token()), viewSharing(world).view(ada, stat.id()).shareToken());
            assertNothingShared(world, String.valueOf(stat.id()));

            ShareLink second = createLink(world).create(ada, stat.id());
            assertNotEquals(first.token(), second.token());
            assertNothingShared(world, first.token());
            assertEquals(stat.id(), open(world).open(second.token()).id());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_revoked_share_link_opens_nothing_but_a_public_stat_stays_public(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat stat = world.counter(ada, "signups");
            ShareLink link = createLink(world).create(ada, stat.id());
            new MakeStatPublic(world.stats).makePublic(ada, stat.id(), true);

            new RevokeShareLink(world.stats).revoke(ada, stat.id());
            new RevokeShareLink(world.stats).revoke(ada, stat.id());

            assertNothingShared(world, link.token());
            assertEquals(Optional.empty(), viewSharing(world).view(ada, stat.id()).shareToken());
            assertEquals(stat.id(), open(world).open(String.valueOf(stat.id())).id());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stat_in_the_trash_is_shared_no_more(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat stat = world.counter(ada, "signups");
            ShareLink link = createLink(world).create(ada, stat.id());
            new MakeStatPublic(world.stats).makePublic(ada, stat.id(), true);

            world.stats.softDelete(ada.accountId(), stat.id(), world.clock.millis());

            assertNothingShared(world, link.token());
            assertNothingShared(world, String.valueOf(stat.id()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void nobody_shares_or_inspects_another_accounts_stat(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Visitor eve = world.newVisitor();
            Stat stat = world.counter(ada, "signups");
            long id = stat.id();

            List<Runnable> attempts = List.of(
                    () -> new MakeStatPublic(world.stats).makePublic(eve, id, true),
                    () -> createLink(world).create(eve, id),
                    () -> new RevokeShareLink(world.stats).revoke(eve, id),
                    () -> viewSharing(world).view(eve, id));
            for (Runnable attempt : attempts) {
                assertEquals("no stat with id " + id, assertThrows(NotFoundException.class, attempt::run).getMessage());
            }
            assertNothingShared(world, String.valueOf(id));
            assertEquals(Optional.empty(), viewSharing(world).view(ada, id).shareToken());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void keys_that_are_neither_a_share_token_nor_a_public_stats_id_open_nothing(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat stat = world.counter(ada, "signups");
            ShareLink link = createLink(world).create(ada, stat.id());

            for (String key : new String[] {null, "", "0", "-1", "99999999999999999999", "9223372036854775808",
                    link.token().toUpperCase(), link.token().substring(1), link.token() + " ", "%", "' OR '1'='1",
                    stat.key(), "x".repeat(10_000)}) {
                assertNothingShared(world, key);
            }
        }
    }

    private static void assertNothingShared(World world, String key) {
        NotFoundException e = assertThrows(NotFoundException.class, () -> open(world).open(key), String.valueOf(key));
        assertEquals("no shared stat for that key", e.getMessage());
    }

    private static OpenSharedStat open(World world) {
        return new OpenSharedStat(world.stats);
    }

    private static CreateShareLink createLink(World world) {
        return new CreateShareLink(world.stats);
    }

    private static ViewSharing viewSharing(World world) {
        return new ViewSharing(world.stats);
    }
}
