package io.statfeed.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code scripts/run} was asked for: a role (default all), optionally {@code --demo}, and
 * for an api-server the data folders of api-servers gone for good whose journals it adopts.
 */
record Command(Role role, boolean demo, List<Path> adopt) {
    static final String DEMO_FLAG = "--demo";
    static final String ADOPT_FLAG = "--adopt";

    Command(Role role, boolean demo) {
        this(role, demo, List.of());
    }

    static Command parse(String[] args) {
        boolean demo = false;
        List<Path> adopt = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(DEMO_FLAG)) {
                demo = true;
            } else if (args[i].equals(ADOPT_FLAG)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(ADOPT_FLAG + " needs the data folder of the api-server to adopt");
                }
                Path folder = Path.of(args[++i]).toAbsolutePath().normalize();
                if (!Files.isDirectory(folder)) {
                    throw new IllegalArgumentException(ADOPT_FLAG + " " + args[i] + ": no such folder");
                }
                adopt.add(folder);
            } else {
                rest.add(args[i]);
            }
        }
        Role role = Role.parse(rest.toArray(String[]::new));
        if (demo && role != Role.ALL) {
            // The demo's live points go through the api-server, and people look at them in the web-app.
            throw new IllegalArgumentException(DEMO_FLAG + " runs with every tier in one process (role all), not "
                    + role.name().toLowerCase(Locale.ROOT));
        }
        if (!adopt.isEmpty() && !role.api) {
            throw new IllegalArgumentException(ADOPT_FLAG + " is for an api-server (role api or all), not "
                    + role.name().toLowerCase(Locale.ROOT));
        }
        return new Command(role, demo, List.copyOf(adopt));
    }

    static String usage() {
        return "usage: scripts/run [" + Role.names().replace(", ", "|") + "] [" + ADOPT_FLAG + " DATA_DIR]... ["
                + DEMO_FLAG + "]";
    }
}
