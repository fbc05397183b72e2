package io.backdrop.job;

import io.backdrop.support.TestDatabase;
import java.nio.file.Path;

/** On the machine's PostgreSQL server, as CI runs it. */
class FaultTolerancePostgresTest extends FaultToleranceContract {

    @Override
    protected TestDatabase database(Path work) {
        return TestDatabase.localPostgres();
    }
}
