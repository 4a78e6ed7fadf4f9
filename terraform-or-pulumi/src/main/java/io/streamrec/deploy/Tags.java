package io.streamrec.deploy;

import java.util.Map;

/** The tags every resource carries, so that the console and the bill can tell Streamrec's resources apart. */
final class Tags {

    private Tags() {
    }

    static Map<String, String> named(String name) {
        return Map.of("Name", name, "Project", "streamrec");
    }

    static Map<String, String> role(String name, String role) {
        return Map.of("Name", name, "Project", "streamrec", "Role", role);
    }
}
