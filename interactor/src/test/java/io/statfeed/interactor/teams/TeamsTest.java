package io.statfeed.interactor.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.channels.DeliveryException;
import io.statfeed.channels.mail.Mail;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.teams.Member;
import io.statfeed.core.model.teams.Role;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.ConflictException;
import io.statfeed.interactor.ForbiddenException;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.accounts.SignUp.SignedUp;
import io.statfeed.interactor.dashboards.ListDashboards;
import io.statfeed.interactor.session.NewSession;
import io.statfeed.interactor.session.ResumeSession;
import io.statfeed.interactor.session.StartSession;
import io.statfeed.interactor.settings.ReplaceKey;
import io.statfeed.interactor.stats.SearchStats;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TeamsTest {
    private static final String BASE = "https://stats.example.com";

    @TempDir
    Path dataDir;

    /** The team use cases over one world, with the mails they send kept rather than sent. */
    private static final class Team {
        final World world;
        final TeamStore store;
        final List<InviteLetter> letters = new ArrayList<>();
        final AtomicBoolean mailServerDown = new AtomicBoolean();
        final InviteMember invite;
        final AcceptInvite accept;
        final ViewInvite viewInvite;
        final RevokeInvite revoke;
        final RemoveMember remove;
        final ChangeRole changeRole;
        final LeaveAccount leave;
        final SwitchAccount switchAccount;
        final ViewTeam view;

        Team(World world) {
            this.world = world;
            store = new TeamStore(world.database);
            InviteMail mail = letter -> {
                letters.add(letter);
                return new Mail(letter.to(), "invite", letter.token(), letter.token(), letter.messageId());
            };
            invite = new InviteMember(store, mail, m -> {
                if (mailServerDown.get()) {
                    throw new DeliveryException("connection refused", true);
                }
            }, world.clock);
            accept = new AcceptInvite(store, world.clock);
            viewInvite = new ViewInvite(store, world.clock);
            revoke = new RevokeInvite(store, world.clock);
            remove = new RemoveMember(store);
            changeRole = new ChangeRole(store);
            leave = new LeaveAccount(store);
            switchAccount = new SwitchAccount(store, world.sessions, world.clock);
            view = new ViewTeam(store, world.clock);
        }

        /** The token of the last invite mailed. */
        String lastToken() {
            return letters.get(letters.size() - 1).token();
        }

        /** Invites the new person and has them accept: they are in the owner's account. */
        Visitor join(Visitor owner, SignedUp person, String role) {
            world.clock.advance(Duration.ofMinutes(1)); // joined after signing up, so their own account stays their first
            invite.invite(owner, person.email(), role, BASE);
            Visitor them = world.visitorOf(person);
            AcceptInvite.Joined joined = accept.accept(them, lastToken());
            return new Visitor(them.userId(), joined.accountId());
        }

        NewSession sessionOf(SignedUp person) {
            return new StartSession(world.accounts, world.sessions, world.clock).startAfter(person);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_owner_replaces_a_leaked_key_and_a_member_may_not(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Team team = new Team(world);
            SignedUp adaSignup = world.newAccount();
            Visitor ada = world.visitorOf(adaSignup);
            Visitor bob = team.join(ada, world.newAccount(), "member");
            ReplaceKey replace = new ReplaceKey(world.accounts, team.store, world.honour, world.clock);
            String oldEzkey = world.accounts.findById(ada.accountId()).orElseThrow().ezkey();
            String oldUkey = world.accounts.findById(ada.accountId()).orElseThrow().ukey();

            assertEquals("only an owner of this account can replace its keys", assertThrows(ForbiddenException.class,
                    () -> replace.replace(bob, AccountStore.Key.EZKEY)).getMessage());
            assertTrue(replace.replace(ada, ReplaceKey.key("EZKEY")).everywhere(), "no api-server runs here");

            String newEzkey = world.accounts.findById(ada.accountId()).orElseThrow().ezkey();
            assertTrue(world.accounts.findByEzkey(oldEzkey).isEmpty(), "the leaked key matches nothing");
            assertEquals(ada.accountId(), world.accounts.findByEzkey(newEzkey).orElseThrow().id());
            assertEquals(oldUkey, world.accounts.findById(ada.accountId()).orElseThrow().ukey(), "the other key stays");
            replace.replace(ada, ReplaceKey.key("ukey"));
            assertTrue(world.accounts.findByUkey(oldUkey).isEmpty());
            assertEquals("no such key 'pin': ezkey or ukey",
                    assertThrows(InvalidInputException.class, () -> ReplaceKey.key("pin")).getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_invited_person_accepts_and_sees_the_accounts_stats_and_dashboards(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Team team = new Team(world);
            SignedUp adaSignup = world.newAccount();
            Visitor ada = world.visitorOf(adaSignup);
            world.counter(ada, "signups");
            world.dashboards.create(ada.accountId(), "Overview", world.clock.millis());
            SignedUp bob = world.newAccount();

            InviteMember.SentInvite sent = team.invite.invite(ada, "  " + bob.email().toUpperCase() + " ", "member", BASE);

            assertEquals(bob.email(), sent.email());
            assertEquals(world.clock.millis() + Duration.ofDays(7).toMillis(), sent.expiresAtMillis());
            InviteLetter letter = team.letters.get(0);
            assertEquals(bob.email(), letter.to());
            assertEquals(adaSignup.email(), letter.inviterEmail());
            assertEquals(adaSignup.email() + "'s account", letter.accountName());
            assertEquals(BASE, letter.webBase());
            assertFalse(letter.toString().contains(letter.token()), "the token stays out of logs");
            assertTrue(team.store.findInviteByTokenHash(letter.token()).isEmpty(), "only the token's hash is stored");
            assertEquals(sent.inviteId(), team.store.findInviteByTokenHash(Secrets.sha256Hex(letter.token()))
                    .orElseThrow().id());
            assertEquals(new ViewInvite.InviteDetails(bob.email(), Role.MEMBER, adaSignup.email() + "'s account",
                    adaSignup.email(), sent.expiresAtMillis()), team.viewInvite.view(letter.token()));

            Visitor bobInAda = new Visitor(world.visitorOf(bob).userId(),
                    team.accept.accept(world.visitorOf(bob), letter.token()).accountId());

            assertEquals(ada.accountId(), bobInAda.accountId());
            assertEquals(List.of("signups"), new SearchStats(world.stats).search(bobInAda, "", 0).stats().stream()
                    .map(s -> s.name()).toList());
            assertEquals(1, new ListDashboards(world.dashboards).list(bobInAda).size());
            assertEquals(List.of(Role.OWNER, Role.MEMBER), team.view.view(ada).members().stream().map(Member::role).toList());
            assertEquals(List.of(), team.view.view(ada).pendingInvites());
            assertEquals(List.of(adaSignup.email(), bob.email()), world.accounts.memberEmails(ada.accountId()),
                    "alerts mail the new member too");
            assertEquals("this invite has been used already; log in to see the account", assertThrows(
                    InviteClosedException.class, () -> team.accept.accept(world.visitorOf(bob), letter.token()))
                    .getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void only_the_invited_address_can_accept_and_expired_revoked_or_unknown_links_let_nobody_in(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Team team = new Team(world);
            Visitor ada = world.newVisitor();
            SignedUp bob = world.newAccount();
            Visitor eve = world.newVisitor();

            team.invite.invite(ada, bob.email(), "owner", BASE);
            String token = team.lastToken();
            ForbiddenException wrongPerson = assertThrows(ForbiddenException.class, () -> team.accept.accept(eve, token));
            assertTrue(wrongPerson.getMessage().startsWith("this invite is for " + bob.email()), wrongPerson.getMessage());
            assertEquals(List.of(Role.OWNER), team.view.view(ada).members().stream().map(Member::role).toList());

            assertThrows(NotFoundException.class, () -> team.viewInvite.view("x".repeat(43)));
            assertThrows(NotFoundException.class, () -> team.viewInvite.view(token + "x"));
            assertThrows(NotFoundException.class, () -> team.viewInvite.view("../../etc/passwd"));
            assertThrows(NotFoundException.class, () -> team.viewInvite.view("t".repeat(10_000)));
            assertThrows(NotFoundException.class, () -> team.viewInvite.view(""));

            long inviteId = team.view.view(ada).pendingInvites().get(0).id();
            assertThrows(NotFoundException.class, () -> team.revoke.revoke(eve, inviteId), "another account's invite");
            team.revoke.revoke(ada, inviteId);
            team.revoke.revoke(ada, inviteId);
            assertEquals("this invite was withdrawn; ask an owner of the account for a new one", assertThrows(
                    InviteClosedException.class, () -> team.accept.accept(world.visitorOf(bob), token)).getMessage());

            team.invite.invite(ada, bob.email(), "member", BASE);
            String second = team.lastToken();
            world.clock.advance(Teams.INVITE_LIFETIME);
            assertTrue(assertThrows(InviteClosedException.class, () -> team.accept.accept(world.visitorOf(bob), second))
                    .getMessage().startsWith("this invite has expired"));
            assertEquals(List.of(), team.view.view(ada).pendingInvites());
            assertEquals(1, team.view.view(ada).members().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void only_owners_invite_remove_and_change_roles_and_inviting_a_member_again_is_a_conflict(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Team team = new Team(world);
            SignedUp adaSignup = world.newAccount();
            Visitor ada = world.visitorOf(adaSignup);
            SignedUp bob = world.newAccount();
            Visitor bobInAda = team.join(ada, bob, "member");
            SignedUp carol = world.newAccount();

            assertEquals("only an owner of this account can invite people", assertThrows(ForbiddenException.class,
                    () -> team.invite.invite(bobInAda, carol.email(), "member", BASE)).getMessage());
            assertThrows(ForbiddenException.class, () -> team.remove.remove(bobInAda, ada.userId()));
            assertThrows(ForbiddenException.class, () -> team.changeRole.change(bobInAda, bobInAda.userId(), "owner"));
            assertEquals(bob.email() + " is a member of this account already", assertThrows(ConflictException.class,
                    () -> team.invite.invite(ada, bob.email(), "owner", BASE)).getMessage());
            assertEquals(adaSignup.email() + " is a member of this account already", assertThrows(ConflictException.class,
                    () -> team.invite.invite(ada, adaSignup.email(), "member", BASE)).getMessage());

            Member promoted = team.changeRole.change(ada, bobInAda.userId(), "owner");
            assertEquals(Role.OWNER, promoted.role());
            team.invite.invite(bobInAda, carol.email(), "member", BASE);
            assertEquals(bob.email(), team.letters.get(team.letters.size() - 1).inviterEmail());
        }
    }

    @Test
    void bad_input_is_refused_with_the_field_named() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Team team = new Team(world);
            Visitor ada = world.newVisitor();
            assertEquals("email is missing", assertThrows(InvalidInputException.class,
                    () -> team.invite.invite(ada, " ", "member", BASE)).getMessage());
            assertEquals("email is not a valid address such as ada@example.com", assertThrows(
                    InvalidInputException.class, () -> team.invite.invite(ada, "bob@", "member", BASE)).getMessage());
            assertTrue(assertThrows(InvalidInputException.class, () -> team.invite.invite(ada,
                    "b".repeat(300) + "@example.com", "member", BASE)).getMessage().startsWith("email must be at most 254"));
            assertEquals("email is not a valid address such as ada@example.com", assertThrows(
                    InvalidInputException.class, () -> team.invite.invite(ada, "bob@example.com\r\nBcc: eve@example.com",
                            "member", BASE)).getMessage());
            assertEquals("role is missing: member or owner", assertThrows(InvalidInputException.class,
                    () -> team.invite.invite(ada, "bob@example.com", null, BASE)).getMessage());
            assertEquals("role must be member or owner, got 'admin'", assertThrows(InvalidInputException.class,
                    () -> team.invite.invite(ada, "bob@example.com", "admin", BASE)).getMessage());
            assertEquals("role must be member or owner, got 'a?b'", assertThrows(InvalidInputException.class,
                    () -> team.changeRole.change(ada, ada.userId(), "a\nb")).getMessage());
            assertEquals(List.of(), team.letters);
        }
    }

    @Test
    void a_new_invite_to_the_same_address_replaces_the_old_one_and_pending_invites_are_bounded() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Team team = new Team(world);
            Visitor ada = world.newVisitor();
            team.invite.invite(ada, "bob@example.com", "member", BASE);
            String first = team.lastToken();
            team.invite.invite(ada, "bob@example.com", "owner", BASE);

            assertEquals(1, team.view.view(ada).pendingInvites().size());
            assertEquals(Role.OWNER, team.view.view(ada).pendingInvites().get(0).role());
            assertThrows(InviteClosedException.class, () -> team.viewInvite.view(first));

            for (int i = 1; i < InviteMember.MAX_PENDING_INVITES; i++) {
                team.invite.invite(ada, "person" + i + "@example.com", "member", BASE);
            }
            assertEquals("an account may have at most 50 pending invites; revoke one first", assertThrows(
                    InvalidInputException.class, () -> team.invite.invite(ada, "one-more@example.com", "member", BASE))
                    .getMessage());
        }
    }

    @Test
    void an_invite_the_mail_server_did_not_take_is_withdrawn() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Team team = new Team(world);
            Visitor ada = world.newVisitor();
            team.mailServerDown.set(true);

            InviteNotSentException e = assertThrows(InviteNotSentException.class,
                    () -> team.invite.invite(ada, "bob@example.com", "member", BASE));

            assertEquals("the invite to bob@example.com was not sent: connection refused; try again", e.getMessage());
            assertEquals(List.of(), team.view.view(ada).pendingInvites());
            assertThrows(InviteClosedException.class, () -> team.viewInvite.view(team.lastToken()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_removed_member_loses_their_sessions_in_the_account_but_keeps_their_own(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Team team = new Team(world);
            SignedUp adaSignup = world.newAccount();
            Visitor ada = world.visitorOf(adaSignup);
            SignedUp bob = world.newAccount();
            Visitor bobInAda = team.join(ada, bob, "member");
            NewSession inOwn = team.sessionOf(bob);
            NewSession inAda = team.sessionOf(bob);
            team.switchAccount.switchTo(bobInAda, inAda.token(), ada.accountId());
            ResumeSession resume = new ResumeSession(world.sessions, world.clock);
            assertEquals(ada.accountId(), resume.resume(inAda.token()).orElseThrow().visitor().accountId());

            Visitor eve = world.newVisitor();
            assertThrows(NotFoundException.class, () -> team.remove.remove(eve, bobInAda.userId()), "another account");
            assertThrows(ForbiddenException.class, () -> team.remove.remove(new Visitor(eve.userId(), ada.accountId()),
                    bobInAda.userId()), "a visitor the account does not know is no owner");
            assertThrows(NotFoundException.class, () -> team.remove.remove(ada, eve.userId()), "not a member");
            assertEquals(bob.email(), team.remove.remove(ada, bobInAda.userId()).email());

            assertTrue(resume.resume(inAda.token()).isEmpty(), "the session in Ada's account ended");
            assertEquals(bob.accountId(), resume.resume(inOwn.token()).orElseThrow().visitor().accountId());
            assertEquals(List.of(adaSignup.email()), world.accounts.memberEmails(ada.accountId()));
            assertThrows(NotFoundException.class, () -> team.switchAccount.switchTo(world.visitorOf(bob), inOwn.token(),
                    ada.accountId()), "no way back in through the switcher");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_last_owner_can_neither_leave_nor_be_removed_nor_demoted(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Team team = new Team(world);
            SignedUp adaSignup = world.newAccount();
            Visitor ada = world.visitorOf(adaSignup);
            SignedUp bob = world.newAccount();
            team.join(ada, bob, "member");
            // Ada belongs to Bob's account too, so leaving her own is not refused for being her only one.
            team.join(world.visitorOf(bob), adaSignup, "member");
            NewSession adaSession = team.sessionOf(adaSignup);

            assertEquals("you are the last owner of this account: make another member an owner before you leave",
                    assertThrows(ConflictException.class, () -> team.leave.leave(ada, adaSession.token())).getMessage());
            assertEquals(adaSignup.email() + " is the last owner of this account: make another member an owner first",
                    assertThrows(ConflictException.class, () -> team.changeRole.change(ada, ada.userId(), "member"))
                            .getMessage());
            assertEquals("to take yourself off this account, leave it instead", assertThrows(InvalidInputException.class,
                    () -> team.remove.remove(ada, ada.userId())).getMessage());
            assertEquals(Role.OWNER, team.store.roleOf(ada.accountId(), ada.userId()).orElseThrow());
            ResumeSession resume = new ResumeSession(world.sessions, world.clock);
            assertEquals(ada.accountId(), resume.resume(adaSession.token()).orElseThrow().visitor().accountId());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_member_leaves_and_their_session_moves_to_their_own_account(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Team team = new Team(world);
            SignedUp adaSignup = world.newAccount();
            Visitor ada = world.visitorOf(adaSignup);
            SignedUp bob = world.newAccount();
            Visitor bobInAda = team.join(ada, bob, "member");
            NewSession session = team.sessionOf(bob);
            NewSession otherDevice = team.sessionOf(bob);
            team.switchAccount.switchTo(bobInAda, session.token(), ada.accountId());
            team.switchAccount.switchTo(bobInAda, otherDevice.token(), ada.accountId());

            List<ViewTeam.AccountChoice> accounts = team.view.view(bobInAda).yourAccounts();
            assertEquals(List.of(new ViewTeam.AccountChoice(bob.accountId(), bob.email() + "'s account", Role.OWNER, false),
                    new ViewTeam.AccountChoice(ada.accountId(), adaSignup.email() + "'s account", Role.MEMBER, true)),
                    accounts);

            LeaveAccount.Left left = team.leave.leave(bobInAda, session.token());

            assertEquals(new LeaveAccount.Left(adaSignup.email() + "'s account", bob.accountId(),
                    bob.email() + "'s account"), left);
            ResumeSession resume = new ResumeSession(world.sessions, world.clock);
            assertEquals(bob.accountId(), resume.resume(session.token()).orElseThrow().visitor().accountId());
            assertTrue(resume.resume(otherDevice.token()).isEmpty(), "other sessions in the account left ended");
            assertEquals(1, team.view.view(ada).members().size());
            assertEquals("this is the only account you belong to, so you cannot leave it", assertThrows(
                    ConflictException.class, () -> team.leave.leave(world.visitorOf(bob), session.token())).getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_person_switches_only_to_accounts_they_belong_to(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Team team = new Team(world);
            SignedUp adaSignup = world.newAccount();
            Visitor ada = world.visitorOf(adaSignup);
            SignedUp bob = world.newAccount();
            team.join(ada, bob, "member");
            Visitor bobAtHome = world.visitorOf(bob);
            NewSession session = team.sessionOf(bob);
            Visitor eve = world.newVisitor();

            assertEquals(adaSignup.email() + "'s account", team.switchAccount.switchTo(bobAtHome, session.token(),
                    ada.accountId()));
            ResumeSession resume = new ResumeSession(world.sessions, world.clock);
            assertEquals(ada.accountId(), resume.resume(session.token()).orElseThrow().visitor().accountId());

            assertEquals("no account with id " + eve.accountId() + " among yours", assertThrows(NotFoundException.class,
                    () -> team.switchAccount.switchTo(bobAtHome, session.token(), eve.accountId())).getMessage());
            assertThrows(NotFoundException.class, () -> team.switchAccount.switchTo(bobAtHome, session.token(), 42L));
            NewSession evesSession = team.sessionOf(world.accounts.findUserById(eve.userId()).map(u ->
                    new SignedUp(u.accountId(), u.email(), "", "", "")).orElseThrow());
            assertThrows(NotFoundException.class, () -> team.switchAccount.switchTo(bobAtHome, evesSession.token(),
                    bob.accountId()), "another person's session");
            assertEquals(eve.accountId(), resume.resume(evesSession.token()).orElseThrow().visitor().accountId());
        }
    }
}
