package io.streamrec.cli.embedded;

import io.streamrec.common.lifecycle.StartupException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The demo's feed-token secret: random, generated once into the data directory, readable only by its owner. */
final class DemoSecret {
    private static final int SECRET_BYTES = 32;

    private DemoSecret() {
    }

    static Path ensure(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[SECRET_BYTES];
                new SecureRandom().nextBytes(secret);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(secret));
            }
            return file;
        } catch (IOException e) {
            throw new StartupException("cannot create the demo token secret " + file + ": " + e.getMessage(), e);
        }
    }
}
