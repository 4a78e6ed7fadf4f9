package io.streamrec.sink;

import io.streamrec.common.lifecycle.StartupException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/** Finds the ArangoDB password: the secret file if one is configured, else the environment, else none. */
final class ArangoDbPassword {
    static final String ENV = "STREAMREC_SINK_ARANGODB_PASSWORD";

    private ArangoDbPassword() {
    }

    /** Empty when neither is set: a server without authentication (a developer's) accepts that. */
    static String resolve(ArangoDbSettings settings, Map<String, String> environment) {
        if (settings.passwordFile().isPresent()) {
            try {
                return Files.readString(settings.passwordFile().get(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new StartupException("cannot read streamrec.sink.arangodb.password-file "
                        + settings.passwordFile().get() + ": " + e, e);
            }
        }
        return environment.getOrDefault(ENV, "");
    }
}
