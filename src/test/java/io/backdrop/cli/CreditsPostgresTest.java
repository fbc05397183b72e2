package io.backdrop.cli;

import io.backdrop.support.TestDatabase;
import java.nio.file.Path;

/** The same cases on the machine's PostgreSQL server, as CI runs them. */
class CreditsPostgresTest extends CreditsTest {

    @Override
    protected TestDatabase database(Path folder) {
        return TestDatabase.localPostgres();
    }
}
