package io.backdrop.job;

import io.backdrop.support.TestDatabase;
import java.nio.file.Path;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** On PostgreSQL in a container, where a Docker engine runs; skipped cleanly elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class FaultTolerancePostgresContainerTest extends FaultToleranceContract {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine");

    @Override
    protected TestDatabase database(Path work) {
        String server = POSTGRES.getJdbcUrl().substring(0, POSTGRES.getJdbcUrl().lastIndexOf('/') + 1);
        return TestDatabase.postgres(server, POSTGRES.getUsername(), POSTGRES.getPassword());
    }
}
