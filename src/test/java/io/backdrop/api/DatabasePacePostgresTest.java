package io.backdrop.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.support.CommandLineRun;
import io.backdrop.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The rate limit shared by worker processes, on the machine's PostgreSQL: two paces over one
 * database stand for two workers. Periods are an hour long, so what a call would wait for shows in
 * the bucket's tokens, never in the clock.
 */
class DatabasePacePostgresTest {

    private static final ApiException TOO_MANY = new ApiException(ApiException.Kind.TRANSIENT, 429, "HTTP 429");

    TestDatabase database;
    DriverManagerDataSource dataSource;

    @BeforeEach
    void setUp() {
        database = TestDatabase.localPostgres();
        dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        // Any command makes the schema, the bucket's table with it.
        assertThat(CommandLineRun.on(database).execute("list").exitCode()).isZero();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void twoWorkersDrawFromOneBucket() {
        RateLimit limit = RateLimit.parse("5/h");
        long id = DatabasePace.bucketId("queue-a", limit);
        DatabasePace first = new DatabasePace(dataSource, id, limit);
        DatabasePace second = new DatabasePace(dataSource, id, limit);

        first.call(() -> "a");
        first.call(() -> "b");
        second.call(() -> "c");

        assertThat(first.available()).as("each sees the other's calls").isEqualTo(2);
        assertThat(second.available()).isEqualTo(2);
    }

    @Test
    void a429AnywhereSlowsEveryone() {
        RateLimit limit = RateLimit.parse("10/h");
        long id = DatabasePace.bucketId("queue-b", limit);
        DatabasePace answered429 = new DatabasePace(dataSource, id, limit);
        DatabasePace other = new DatabasePace(dataSource, id, limit);

        assertThatThrownBy(() -> answered429.call(() -> {
            throw TOO_MANY;
        })).isSameAs(TOO_MANY);

        assertThat(other.available()).as("the call and half a period's calls are gone for all").isEqualTo(10 - 1 - 5);
    }

    @Test
    void deploymentsAndRatesHaveBucketsOfTheirOwn() {
        RateLimit limit = RateLimit.parse("5/h");
        assertThat(DatabasePace.bucketId("queue-a", limit)).isNotEqualTo(DatabasePace.bucketId("queue-b", limit))
                .isNotEqualTo(DatabasePace.bucketId("queue-a", RateLimit.parse("6/h")));
    }
}
