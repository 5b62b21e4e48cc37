package io.statfeed.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.Session;
import io.statfeed.core.testing.Backend;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionStoreTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_session_is_found_by_its_hash_with_its_users_email_until_it_expires(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore.NewSignup ada = signup(database, "ada@example.com");
            SessionStore sessions = new SessionStore(database);
            Session session = session(ada, "token-1", NOW + DAY);
            sessions.create(session);

            SessionStore.LiveSession found = sessions.findLive(session.idHash(), NOW).orElseThrow();
            assertEquals(session, found.session());
            assertEquals("ada@example.com", found.email());
            assertTrue(sessions.findLive(Secrets.sha256Hex("token-2"), NOW).isEmpty());
            assertTrue(sessions.findLive(session.idHash(), NOW + DAY).isEmpty(), "expired at expires_at");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void touching_a_session_slides_its_expiry_but_does_not_revive_an_expired_one(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore.NewSignup ada = signup(database, "ada@example.com");
            SessionStore sessions = new SessionStore(database);
            Session session = session(ada, "token-1", NOW + DAY);
            sessions.create(session);

            assertTrue(sessions.touch(session.idHash(), NOW + DAY - 1, NOW + 3 * DAY));
            Session touched = sessions.findLive(session.idHash(), NOW + 2 * DAY).orElseThrow().session();
            assertEquals(NOW + DAY - 1, touched.lastSeenAtMillis());
            assertEquals(NOW + 3 * DAY, touched.expiresAtMillis());

            assertFalse(sessions.touch(session.idHash(), NOW + 3 * DAY, NOW + 5 * DAY));
            assertTrue(sessions.findLive(session.idHash(), NOW + 3 * DAY).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sessions_end_one_at_a_time_all_of_a_user_at_once_or_when_expired(Backend backend) {
        try (var db = backend.create(dataDir); Database database = Database.open(db.settings())) {
            AccountStore.NewSignup ada = signup(database, "ada@example.com");
            AccountStore.NewSignup bob = signup(database, "bob@example.com");
            SessionStore sessions = new SessionStore(database);
            Session ada1 = session(ada, "a1", NOW + DAY);
            Session ada2 = session(ada, "a2", NOW + DAY);
            Session ada3 = session(ada, "a3", NOW + 2 * DAY);
            Session bob1 = session(bob, "b1", NOW + DAY);
            Session bob2 = session(bob, "b2", NOW + 2 * DAY);
            for (Session s : new Session[] {ada1, ada2, ada3, bob1, bob2}) {
                sessions.create(s);
            }

            assertTrue(sessions.delete(ada1.idHash()));
            assertFalse(sessions.delete(ada1.idHash()));
            assertEquals(2, sessions.deleteAllOfUser(ada.userId()));
            assertTrue(sessions.findLive(ada3.idHash(), NOW).isEmpty());
            assertTrue(sessions.findLive(bob1.idHash(), NOW).isPresent(), "another user's sessions stay");

            assertEquals(1, sessions.deleteExpired(NOW + DAY));
            assertTrue(sessions.findLive(bob2.idHash(), NOW).isPresent());
            assertFalse(sessions.touch(bob1.idHash(), NOW, NOW + DAY), "gone for good");
        }
    }

    private static AccountStore.NewSignup signup(Database database, String email) {
        AccountStore.NewSignup signup = StorageTest.signup(email);
        new AccountStore(database).create(signup);
        return signup;
    }

    private static Session session(AccountStore.NewSignup user, String token, long expiresAt) {
        return new Session(Secrets.sha256Hex(token), user.userId(), user.accountId(), "csrf-" + token, NOW, NOW,
                expiresAt);
    }
}
