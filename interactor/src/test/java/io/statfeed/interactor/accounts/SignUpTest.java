package io.statfeed.interactor.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.testing.Backend;
import io.statfeed.core.storage.SignupAttemptStore;
import io.statfeed.interactor.ConflictException;
import io.statfeed.interactor.TooManyAttemptsException;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignUpTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_new_user_gets_an_account_with_distinct_keys_and_a_working_access_token(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignUp.SignedUp signedUp = world.signUp.signUp("  Ada.Lovelace@Example.COM ", "correct horse");

            assertEquals("ada.lovelace@example.com", signedUp.email());
            assertNotEquals(signedUp.ezkey(), signedUp.ukey());
            assertFalse(signedUp.ezkey().contains("@"), "the ezkey is a secret, never the email");
            assertEquals(signedUp.accountId(), world.accounts.findByAccessToken(signedUp.accessToken()).orElseThrow().id());
            assertEquals(signedUp.accountId(), world.accounts.findByEzkey(signedUp.ezkey()).orElseThrow().id());
            assertEquals(signedUp.accountId(), world.accounts.findByUkey(signedUp.ukey()).orElseThrow().id());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void signing_up_again_with_the_same_email_in_any_case_is_a_conflict(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            world.signUp.signUp("grace@example.com", "correct horse");

            ConflictException e = assertThrows(ConflictException.class,
                    () -> world.signUp.signUp("Grace@Example.com", "another password"));
            assertEquals("an account with email grace@example.com exists already", e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "no-at-sign", "two@@example.com", "@example.com", "ada@", "ada@localhost",
            "ada@exa mple.com", "ada@-example.com", "ada@example..com", "ada..l@example.com", "'; DROP TABLE users; --",
            "adä@example.com", "ada@exam\nple.com", "ada@example.com\u0000"})
    void a_malformed_email_is_refused_with_a_message_saying_so(String email) {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> world.signUp.signUp(email, "correct horse"));
            assertTrue(e.getMessage().startsWith("email "), e.getMessage());
        }
    }

    @Test
    void an_email_longer_than_254_characters_is_refused_with_the_limit_named() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com";
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> world.signUp.signUp(email, "correct horse"));
            assertEquals("email must be at most 254 characters long, got 260", e.getMessage());
        }
    }

    @Test
    void a_missing_email_or_password_is_named() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            assertEquals("email is missing", assertThrows(InvalidInputException.class,
                    () -> world.signUp.signUp(null, "correct horse")).getMessage());
            assertEquals("password is missing", assertThrows(InvalidInputException.class,
                    () -> world.signUp.signUp("ada@example.com", null)).getMessage());
        }
    }

    @Test
    void a_password_shorter_than_8_characters_is_refused() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> world.signUp.signUp("ada@example.com", "seven77"));
            assertEquals("password must be at least 8 characters long, got 7", e.getMessage());
            assertFalse(world.accounts.emailTaken("ada@example.com"), "nothing was written");
        }
    }

    @Test
    void a_password_beyond_bcrypts_72_bytes_is_refused_rather_than_cut() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            String password = "ü".repeat(37); // 37 characters, 74 bytes
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> world.signUp.signUp("ada@example.com", password));
            assertEquals("password must be at most 72 bytes in UTF-8 (bcrypt's limit), got 74", e.getMessage());
            world.signUp.signUp("ada@example.com", "x".repeat(72));
        }
    }

    @Test
    void the_password_is_kept_as_a_bcrypt_hash_that_matches_only_the_password() {
        Passwords passwords = new Passwords(World.TEST_HASH_COST);
        String hash = passwords.hash("correct horse");

        assertTrue(hash.startsWith("$2a$04$"), hash);
        assertTrue(passwords.matches("correct horse", hash));
        assertFalse(passwords.matches("correct horsE", hash));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_address_that_signed_up_often_lately_must_wait_while_others_may_go_on(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            SignUp limited = new SignUp(world.accounts, world.passwords,
                    new SignupLimit(new SignupAttemptStore(world.database), 3, world.clock), world.clock);
            for (int i = 0; i < 3; i++) {
                limited.signUp("user" + i + "@example.com", "correct horse", "203.0.113.7");
            }
            assertThrows(InvalidInputException.class, () -> limited.signUp("not an email", "correct horse",
                    "203.0.113.7"), "a malformed sign-up is refused before it counts");

            TooManyAttemptsException e = assertThrows(TooManyAttemptsException.class,
                    () -> limited.signUp("user3@example.com", "correct horse", "203.0.113.7"));
            assertEquals("too many sign-ups from this address; try again in 60 minutes", e.getMessage());
            assertEquals(SignupLimit.WINDOW, e.retryAfter());
            limited.signUp("user3@example.com", "correct horse", "198.51.100.1");

            world.clock.advance(SignupLimit.WINDOW.minusMinutes(10));
            TooManyAttemptsException later = assertThrows(TooManyAttemptsException.class,
                    () -> limited.signUp("user4@example.com", "correct horse", "203.0.113.7"));
            assertEquals(Duration.ofMinutes(10), later.retryAfter(), "the refused attempts did not make the wait longer");
            world.clock.advance(Duration.ofMinutes(10));
            limited.signUp("user4@example.com", "correct horse", "203.0.113.7");
        }
    }
}
