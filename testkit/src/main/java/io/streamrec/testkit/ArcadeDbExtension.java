package io.streamrec.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

/** Backs {@link WithArcadeDb}: one database location per test class. */
final class ArcadeDbExtension extends ClassResourceExtension<TestGraphDb> {

    ArcadeDbExtension() {
        super(TestGraphDb.class, "ArcadeDB");
    }

    @Override
    TestGraphDb start(ExtensionContext context) {
        ArcadeDbLogging.quiet();
        return new TestGraphDb(TestDirectories.create(context, "arcadedb"));
    }
}
