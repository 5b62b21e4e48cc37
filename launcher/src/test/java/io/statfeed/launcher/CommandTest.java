package io.statfeed.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTest {
    @Test
    void no_arguments_run_every_tier_without_the_demo() {
        assertEquals(new Command(Role.ALL, false), Command.parse(new String[0]));
    }

    @Test
    void the_demo_flag_runs_every_tier_with_the_demo_before_or_after_the_role() {
        assertEquals(new Command(Role.ALL, true), Command.parse(new String[] {"--demo"}));
        assertEquals(new Command(Role.ALL, true), Command.parse(new String[] {"all", "--demo"}));
        assertEquals(new Command(Role.ALL, true), Command.parse(new String[] {"--demo", "all"}));
    }

    @Test
    void a_role_alone_runs_that_tier() {
        assertEquals(new Command(Role.WEB, false), Command.parse(new String[] {"web"}));
        assertEquals(new Command(Role.SCHEDULER, false), Command.parse(new String[] {"scheduler"}));
    }

    @Test
    void every_tier_runs_in_all_and_the_scheduler_alone_uses_storage_but_serves_no_http() {
        assertTrue(Role.ALL.api && Role.ALL.web && Role.ALL.scheduler);
        assertTrue(Role.SCHEDULER.needsDatabase());
        assertTrue(!Role.SCHEDULER.api && !Role.SCHEDULER.web);
    }

    @Test
    void the_demo_with_a_single_tier_is_refused_saying_why() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Command.parse(new String[] {"api", "--demo"}));
        assertEquals("--demo runs with every tier in one process (role all), not api", e.getMessage());
    }

    @Test
    void the_usage_names_the_demo_flag() {
        assertTrue(Command.usage().endsWith(" [--demo]"), Command.usage());
    }

    @Test
    void an_api_server_adopts_the_data_folders_given_after_adopt(@TempDir Path gone) {
        Command command = Command.parse(new String[] {"api", "--adopt", gone.toString()});
        assertEquals(Role.API, command.role());
        assertEquals(List.of(gone.toAbsolutePath().normalize()), command.adopt());
    }

    @Test
    void adopt_without_a_folder_a_missing_folder_or_for_another_role_is_refused_saying_why(@TempDir Path gone) {
        assertEquals("--adopt needs the data folder of the api-server to adopt",
                assertThrows(IllegalArgumentException.class, () -> Command.parse(new String[] {"api", "--adopt"}))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Command.parse(new String[] {"api", "--adopt", gone.resolve("nope").toString()}))
                .getMessage().endsWith(": no such folder"));
        assertEquals("--adopt is for an api-server (role api or all), not web",
                assertThrows(IllegalArgumentException.class,
                        () -> Command.parse(new String[] {"web", "--adopt", gone.toString()})).getMessage());
    }
}
