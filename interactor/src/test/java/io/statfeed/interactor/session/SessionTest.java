package io.statfeed.interactor.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Secrets;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.TooManyAttemptsException;
import io.statfeed.interactor.UnauthorizedException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.accounts.Passwords;
import io.statfeed.interactor.accounts.SignUp;
import io.statfeed.interactor.accounts.SignUp.SignedUp;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionTest {
    private static final String PASSWORD = "correct horse";
    private static final String CLIENT = "203.0.113.7";
    /** About 50 ms a check: far above the rest of a log-in, well below a slow test. */
    private static final int TIMING_HASH_COST = 10;
    private static final int TIMING_RUNS = 3;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_person_logs_in_with_email_and_password_and_is_recognised_by_the_session_token(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp ada = world.signUp.signUp("ada@example.com", PASSWORD);

            NewSession session = logIn(world).logIn("  Ada@Example.COM ", PASSWORD, CLIENT);

            assertEquals(ada.accountId(), session.accountId());
            assertEquals(32, Base64.getUrlDecoder().decode(session.token()).length, "256 random bits");
            assertNotEquals(session.token(), session.csrfToken());
            assertEquals(world.clock.millis() + Sessions.LIFETIME.toMillis(), session.expiresAtMillis());
            SignedIn signedIn = resume(world).resume(session.token()).orElseThrow();
            assertEquals(new Visitor(session.userId(), ada.accountId()), signedIn.visitor());
            assertEquals("ada@example.com", signedIn.email());
            assertEquals(session.csrfToken(), signedIn.csrfToken());
            assertFalse(session.toString().contains(session.token()), "tokens stay out of logs");
            assertFalse(signedIn.toString().contains(session.csrfToken()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void only_a_hash_of_the_session_token_is_stored(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            world.signUp.signUp("ada@example.com", PASSWORD);
            NewSession session = logIn(world).logIn("ada@example.com", PASSWORD, CLIENT);

            assertTrue(world.sessions.findLive(Secrets.sha256Hex(session.token()), world.clock.millis()).isPresent());
            assertTrue(world.sessions.findLive(session.token(), world.clock.millis()).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_wrong_password_and_an_unknown_email_are_refused_with_the_same_message(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            world.signUp.signUp("ada@example.com", PASSWORD);

            UnauthorizedException wrongPassword = assertThrows(UnauthorizedException.class,
                    () -> logIn(world).logIn("ada@example.com", "correct horsE", CLIENT));
            UnauthorizedException unknownEmail = assertThrows(UnauthorizedException.class,
                    () -> logIn(world).logIn("bob@example.com", PASSWORD, CLIENT));
            UnauthorizedException overlong = assertThrows(UnauthorizedException.class,
                    () -> logIn(world).logIn("ada@example.com", "x".repeat(100), CLIENT));

            assertEquals("email or password is wrong", wrongPassword.getMessage());
            assertEquals(wrongPassword.getMessage(), unknownEmail.getMessage());
            assertEquals(wrongPassword.getMessage(), overlong.getMessage());
            assertEquals(2, world.loginFailures.countByEmail("ada@example.com", 0));
            assertEquals(1, world.loginFailures.countByEmail("bob@example.com", 0));
        }
    }

    @Test
    void a_missing_email_or_password_is_named() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            assertEquals("email is missing", assertThrows(InvalidInputException.class,
                    () -> logIn(world).logIn(" ", PASSWORD, CLIENT)).getMessage());
            assertEquals("password is missing", assertThrows(InvalidInputException.class,
                    () -> logIn(world).logIn("ada@example.com", null, CLIENT)).getMessage());
            assertEquals(0, world.loginFailures.countByClient(CLIENT, 0), "no guess, no failure");
        }
    }

    @Test
    void an_unknown_email_costs_a_bcrypt_check_like_a_known_one() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            // At a cost where bcrypt dominates, an unknown email takes about as long as a wrong password.
            Passwords slow = new Passwords(TIMING_HASH_COST);
            new SignUp(world.accounts, slow, world.signupLimit, world.clock).signUp("ada@example.com", PASSWORD);
            LogIn logIn = new LogIn(world.accounts, world.loginFailures, world.sessions, slow, world.clock);
            fastest(() -> logIn.logIn("warm-up@example.com", PASSWORD, "warm-up")); // the dummy hash is made once

            // The fastest of a few runs, so that other work on the machine does not decide the outcome.
            long unknown = fastest(() -> logIn.logIn("nobody@example.com", PASSWORD, "c1"));
            long known = fastest(() -> logIn.logIn("ada@example.com", "wrong password", "c2"));

            assertTrue(unknown > known / 2 && unknown < known * 2, "unknown " + unknown + " ns, known " + known + " ns");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void after_five_failures_for_an_email_even_the_right_password_waits_out_the_window(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            world.signUp.signUp("ada@example.com", PASSWORD);
            LogIn logIn = logIn(world);
            for (int i = 0; i < LogIn.MAX_FAILURES_PER_EMAIL; i++) {
                world.clock.advance(Duration.ofMinutes(1));
                assertThrows(UnauthorizedException.class, () -> logIn.logIn("ada@example.com", "guess", "10.0.0." + 1));
            }

            TooManyAttemptsException e = assertThrows(TooManyAttemptsException.class,
                    () -> logIn.logIn("ada@example.com", PASSWORD, "10.0.0.99"));
            // The first of the five failures was 4 minutes ago: it leaves the 15-minute window in 11.
            assertEquals(Duration.ofMinutes(11), e.retryAfter());
            assertEquals("too many failed log-ins; try again in 11 minutes", e.getMessage());

            world.clock.advance(Duration.ofMinutes(11).minusSeconds(1));
            assertThrows(TooManyAttemptsException.class, () -> logIn.logIn("ada@example.com", PASSWORD, CLIENT));
            world.clock.advance(Duration.ofSeconds(1));
            logIn.logIn("ada@example.com", PASSWORD, CLIENT);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void after_twenty_failures_from_one_client_every_email_waits(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            world.signUp.signUp("ada@example.com", PASSWORD);
            LogIn logIn = logIn(world);
            for (int i = 0; i < LogIn.MAX_FAILURES_PER_CLIENT; i++) {
                String email = "guess" + i + "@example.com";
                assertThrows(UnauthorizedException.class, () -> logIn.logIn(email, "guess", CLIENT));
            }

            TooManyAttemptsException e = assertThrows(TooManyAttemptsException.class,
                    () -> logIn.logIn("ada@example.com", PASSWORD, CLIENT));
            assertEquals(LogIn.FAILURE_WINDOW, e.retryAfter());
            assertEquals(LogIn.MAX_FAILURES_PER_CLIENT, world.loginFailures.countByClient(CLIENT, 0),
                    "a refused attempt is not counted, so it does not make the wait longer");
            logIn.logIn("ada@example.com", PASSWORD, "198.51.100.1"); // the person, from elsewhere
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_successful_log_in_forgets_the_emails_failures(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            world.signUp.signUp("ada@example.com", PASSWORD);
            LogIn logIn = logIn(world);
            for (int i = 0; i < LogIn.MAX_FAILURES_PER_EMAIL - 1; i++) {
                assertThrows(UnauthorizedException.class, () -> logIn.logIn("ada@example.com", "typo", CLIENT));
            }
            logIn.logIn("ada@example.com", PASSWORD, CLIENT);

            assertEquals(0, world.loginFailures.countByEmail("ada@example.com", 0));
            for (int i = 0; i < LogIn.MAX_FAILURES_PER_EMAIL; i++) {
                assertThrows(UnauthorizedException.class, () -> logIn.logIn("ada@example.com", "typo", CLIENT));
            }
            assertThrows(TooManyAttemptsException.class, () -> logIn.logIn("ada@example.com", PASSWORD, CLIENT));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_new_user_is_signed_in_right_after_signing_up(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignedUp ada = world.signUp.signUp("ada@example.com", PASSWORD);

            NewSession session = startSession(world).startAfter(ada);

            SignedIn signedIn = resume(world).resume(session.token()).orElseThrow();
            assertEquals(world.visitorOf(ada), signedIn.visitor());
            assertEquals("ada@example.com", signedIn.email());
            assertThrows(NotFoundException.class, () -> startSession(world).startAfter(
                    new SignedUp(ada.accountId() + 1, ada.email(), "ez", "uk", "tok")));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_session_expires_thirty_days_after_its_last_use(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            world.signUp.signUp("ada@example.com", PASSWORD);
            NewSession session = logIn(world).logIn("ada@example.com", PASSWORD, CLIENT);

            world.clock.advance(Duration.ofDays(29));
            SignedIn resumed = resume(world).resume(session.token()).orElseThrow();
            assertEquals(world.clock.millis() + Sessions.LIFETIME.toMillis(), resumed.expiresAtMillis(), "slid on");
            world.clock.advance(Duration.ofDays(29));
            assertTrue(resume(world).resume(session.token()).isPresent(), "58 days old, but used 29 days ago");
            world.clock.advance(Sessions.LIFETIME);
            assertTrue(resume(world).resume(session.token()).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_session_is_written_at_most_once_a_minute(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            world.signUp.signUp("ada@example.com", PASSWORD);
            NewSession session = logIn(world).logIn("ada@example.com", PASSWORD, CLIENT);
            String hash = Secrets.sha256Hex(session.token());
            long loggedInAt = world.clock.millis();

            world.clock.advance(Sessions.TOUCH_INTERVAL.minusMillis(1));
            assertEquals(session.expiresAtMillis(), resume(world).resume(session.token()).orElseThrow().expiresAtMillis());
            assertEquals(loggedInAt, lastSeen(world, hash));

            world.clock.advance(Duration.ofMillis(1));
            resume(world).resume(session.token()).orElseThrow();
            assertEquals(world.clock.millis(), lastSeen(world, hash));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_unknown_or_malformed_token_resumes_nothing(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            for (String token : new String[] {null, "", "nope", "x".repeat(10_000), "' OR '1'='1",
                    Secrets.newKey(Secrets.SESSION_TOKEN_BYTES)}) {
                assertEquals(Optional.empty(), resume(world).resume(token));
                logOut(world).logOut(token);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void logging_out_ends_only_this_session_and_twice_is_no_error(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            world.signUp.signUp("ada@example.com", PASSWORD);
            NewSession laptop = logIn(world).logIn("ada@example.com", PASSWORD, CLIENT);
            NewSession phone = logIn(world).logIn("ada@example.com", PASSWORD, CLIENT);

            logOut(world).logOut(laptop.token());
            logOut(world).logOut(laptop.token());

            assertTrue(resume(world).resume(laptop.token()).isEmpty());
            assertTrue(resume(world).resume(phone.token()).isPresent());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void logging_out_everywhere_ends_every_session_of_the_user_only(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            world.signUp.signUp("ada@example.com", PASSWORD);
            world.signUp.signUp("bob@example.com", PASSWORD);
            NewSession laptop = logIn(world).logIn("ada@example.com", PASSWORD, CLIENT);
            NewSession phone = logIn(world).logIn("ada@example.com", PASSWORD, CLIENT);
            NewSession bobs = logIn(world).logIn("bob@example.com", PASSWORD, CLIENT);
            Visitor ada = resume(world).resume(laptop.token()).orElseThrow().visitor();

            assertEquals(new LogOutEverywhere.LoggedOut(2), new LogOutEverywhere(world.sessions).logOutEverywhere(ada));

            assertTrue(resume(world).resume(phone.token()).isEmpty());
            assertTrue(resume(world).resume(bobs.token()).isPresent());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void housekeeping_forgets_expired_sessions_and_failures_older_than_the_window(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            world.signUp.signUp("ada@example.com", PASSWORD);
            NewSession old = logIn(world).logIn("ada@example.com", PASSWORD, CLIENT);
            assertThrows(UnauthorizedException.class, () -> logIn(world).logIn("ada@example.com", "typo", CLIENT));
            world.clock.advance(Sessions.LIFETIME);
            NewSession current = logIn(world).logIn("ada@example.com", PASSWORD, CLIENT);
            assertThrows(UnauthorizedException.class, () -> logIn(world).logIn("bob@example.com", "typo", CLIENT));

            ForgetExpiredSessions housekeeping = new ForgetExpiredSessions(world.sessions, world.loginFailures,
                    world.clock);
            assertEquals(new ForgetExpiredSessions.Forgotten(1, 0), housekeeping.forget(),
                    "ada's failure went with her log-in; bob's is recent");
            assertTrue(resume(world).resume(current.token()).isPresent());
            assertTrue(resume(world).resume(old.token()).isEmpty());
            world.clock.advance(LogIn.FAILURE_WINDOW.plusMillis(1));
            assertEquals(new ForgetExpiredSessions.Forgotten(0, 1), housekeeping.forget());
        }
    }

    @Test
    void the_csrf_token_of_a_session_matches_only_itself() {
        SignedIn signedIn = new SignedIn(new Visitor(1, 2), "ada@example.com", "abc", 0);
        assertTrue(signedIn.csrfMatches("abc"));
        assertFalse(signedIn.csrfMatches("abd"));
        assertFalse(signedIn.csrfMatches(""));
        assertFalse(signedIn.csrfMatches(null));
    }

    private static long lastSeen(World world, String hash) {
        return world.sessions.findLive(hash, world.clock.millis()).orElseThrow().session().lastSeenAtMillis();
    }

    private static long fastest(Runnable failingLogIn) {
        long fastest = Long.MAX_VALUE;
        for (int run = 0; run < TIMING_RUNS; run++) {
            long start = System.nanoTime();
            assertThrows(UnauthorizedException.class, failingLogIn::run);
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return fastest;
    }

    private static LogIn logIn(World world) {
        return new LogIn(world.accounts, world.loginFailures, world.sessions, world.passwords, world.clock);
    }

    private static StartSession startSession(World world) {
        return new StartSession(world.accounts, world.sessions, world.clock);
    }

    private static ResumeSession resume(World world) {
        return new ResumeSession(world.sessions, world.clock);
    }

    private static LogOut logOut(World world) {
        return new LogOut(world.sessions);
    }
}
