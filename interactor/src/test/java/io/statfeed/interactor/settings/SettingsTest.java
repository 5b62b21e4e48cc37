package io.statfeed.interactor.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.AccessToken;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.accounts.SignUp.SignedUp;
import io.statfeed.interactor.export.ListStats;
import io.statfeed.interactor.settings.CreateAccessToken.CreatedAccessToken;
import io.statfeed.interactor.settings.ViewKeys.Keys;
import io.statfeed.interactor.settings.ViewKeys.StatKey;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SettingsTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_person_sees_the_accounts_keys_each_live_stats_key_and_the_access_tokens(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp signedUp = world.newAccount();
            Visitor ada = world.visitorOf(signedUp);
            Stat signups = world.counter(ada, "signups");
            Stat load = world.value(ada, "load");
            Stat trashed = world.counter(ada, "old");
            world.stats.softDelete(ada.accountId(), trashed.id(), world.clock.millis());
            world.counter(world.newVisitor(), "someone else's");

            Keys keys = viewKeys(world).view(ada);

            assertEquals(signedUp.ezkey(), keys.ezkey());
            assertEquals(signedUp.ukey(), keys.ukey());
            assertFalse(keys.emailAsEzkey());
            assertEquals(List.of(new StatKey(load.id(), "load", false, load.key()),
                    new StatKey(signups.id(), "signups", true, signups.key())), keys.stats());
            assertFalse(keys.moreStats());
            assertEquals(List.of("default"), keys.accessTokens().stream().map(AccessToken::name).toList());
            assertFalse(keys.toString().contains(signedUp.ezkey()), "keys stay out of logs");
        }
    }

    @Test
    void stat_keys_come_a_page_at_a_time() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            for (int i = 0; i < ViewKeys.STAT_PAGE_SIZE + 1; i++) {
                world.counter(ada, String.format("stat %04d", i));
            }

            Keys first = viewKeys(world).view(ada);
            Keys second = viewKeys(world).view(ada, ViewKeys.STAT_PAGE_SIZE);

            assertEquals(ViewKeys.STAT_PAGE_SIZE, first.stats().size());
            assertTrue(first.moreStats());
            assertEquals(List.of("stat 0500"), second.stats().stream().map(StatKey::name).toList());
            assertFalse(second.moreStats());
            assertEquals("offset must be 0 or more, got -1", assertThrows(InvalidInputException.class,
                    () -> viewKeys(world).view(ada, -1)).getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_new_access_token_reads_the_export_api_and_its_secret_is_shown_only_once(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();

            CreatedAccessToken created = createToken(world).create(ada, "  grafana ");

            assertEquals("grafana", created.token().name());
            assertEquals(List.of(), new ListStats(world.tokens, world.stats).list(created.secret(), 0), "it reads the export API");
            assertFalse(created.toString().contains(created.secret()));
            List<AccessToken> listed = viewKeys(world).view(ada).accessTokens();
            assertEquals(created.token(), listed.get(1));
            assertFalse(listed.toString().contains(created.secret()));
        }
    }

    @Test
    void a_token_name_is_1_to_100_characters_without_control_characters() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            assertEquals("token name is missing", assertThrows(InvalidInputException.class,
                    () -> createToken(world).create(ada, " ")).getMessage());
            assertEquals("token name is 101 characters long; at most 100 are allowed", assertThrows(
                    InvalidInputException.class, () -> createToken(world).create(ada, "t".repeat(101))).getMessage());
            assertEquals("token name may not contain control characters: 'a?b'", assertThrows(
                    InvalidInputException.class, () -> createToken(world).create(ada, "a\tb")).getMessage());
        }
    }

    @Test
    void an_account_has_at_most_100_live_access_tokens() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            for (int i = 1; i < CreateAccessToken.MAX_LIVE_TOKENS; i++) { // the first came with the sign-up
                createToken(world).create(ada, "token " + i);
            }
            assertEquals("an account may have at most 100 access tokens; revoke one first", assertThrows(
                    InvalidInputException.class, () -> createToken(world).create(ada, "one more")).getMessage());

            revokeToken(world).revoke(ada, viewKeys(world).view(ada).accessTokens().get(0).id());
            createToken(world).create(ada, "one more");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_revoked_token_reads_nothing_but_stays_listed_as_revoked(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            CreatedAccessToken created = createToken(world).create(ada, "script");

            revokeToken(world).revoke(ada, created.token().id());
            revokeToken(world).revoke(ada, created.token().id());

            assertTrue(world.accounts.findByAccessToken(created.secret()).isEmpty());
            AccessToken listed = viewKeys(world).view(ada).accessTokens().get(1);
            assertTrue(listed.revoked());
            assertEquals(Optional.of(world.clock.millis()), listed.revokedAtMillis());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void another_accounts_token_cannot_be_revoked(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Visitor eve = world.newVisitor();
            CreatedAccessToken adas = createToken(world).create(ada, "script");

            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> revokeToken(world).revoke(eve, adas.token().id()));

            assertEquals("no access token with id " + adas.token().id(), e.getMessage());
            assertTrue(world.accounts.findByAccessToken(adas.secret()).isPresent());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_person_lets_their_email_stand_in_for_the_ezkey_and_takes_it_back(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp signedUp = world.newAccount();
            Visitor ada = world.visitorOf(signedUp);
            UseEmailAsEzkey useEmail = new UseEmailAsEzkey(world.accounts, world.honour, world.clock);

            useEmail.set(ada, true);
            assertTrue(viewKeys(world).view(ada).emailAsEzkey());
            assertEquals(ada.accountId(), world.accounts.findByEzkey(signedUp.email()).orElseThrow().id());

            useEmail.set(ada, false);
            assertFalse(viewKeys(world).view(ada).emailAsEzkey());
            assertTrue(world.accounts.findByEzkey(signedUp.email()).isEmpty());
        }
    }

    private static ViewKeys viewKeys(World world) {
        return new ViewKeys(world.accounts, world.stats);
    }

    private static CreateAccessToken createToken(World world) {
        return new CreateAccessToken(world.accounts, world.clock);
    }

    private static RevokeAccessToken revokeToken(World world) {
        return new RevokeAccessToken(world.accounts, world.clock);
    }
}
