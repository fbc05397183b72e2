package io.backdrop.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.api.ApiException.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffScheduleTest {

    private static final ApiException UNAVAILABLE = new ApiException(Kind.TRANSIENT, 503, "HTTP 503");

    private static ApiProperties properties(Duration initial, Duration max, Duration budget) {
        return Fixtures.properties(URI.create("http://127.0.0.1"), Duration.ofSeconds(1), Duration.ofSeconds(1), 6,
                initial, max, budget, 1);
    }

    /** Jitter pinned to one end of its range. */
    private static RandomGenerator pinned(boolean top) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return top ? bound - 1 : 0;
            }
        };
    }

    @Test
    void doublesFromTheInitialBackoffWithEqualJitter() {
        ApiProperties properties = properties(Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofMinutes(30));
        BackoffSchedule highest = new BackoffSchedule(properties, pinned(true));
        BackoffSchedule lowest = new BackoffSchedule(properties, pinned(false));

        assertThat(highest.next(1, UNAVAILABLE, Duration.ZERO)).contains(Duration.ofSeconds(2));
        assertThat(highest.next(2, UNAVAILABLE, Duration.ZERO)).contains(Duration.ofSeconds(4));
        assertThat(highest.next(3, UNAVAILABLE, Duration.ZERO)).contains(Duration.ofSeconds(8));
        assertThat(lowest.next(1, UNAVAILABLE, Duration.ZERO)).contains(Duration.ofSeconds(1));
        assertThat(lowest.next(3, UNAVAILABLE, Duration.ZERO)).contains(Duration.ofSeconds(4));
    }

    @Test
    void neverWaitsLongerThanTheLongestWait() {
        BackoffSchedule schedule = new BackoffSchedule(
                properties(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(30)), pinned(true));

        assertThat(schedule.next(10, UNAVAILABLE, Duration.ZERO)).contains(Duration.ofSeconds(5));
        assertThat(schedule.next(500, UNAVAILABLE, Duration.ZERO)).contains(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterTakesThePlaceOfTheBackoffWithinTheLongestWait() {
        BackoffSchedule schedule = new BackoffSchedule(
                properties(Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofMinutes(30)), pinned(true));

        assertThat(schedule.next(1, rateLimited(Duration.ofSeconds(7)), Duration.ZERO)).contains(Duration.ofSeconds(7));
        assertThat(schedule.next(1, rateLimited(Duration.ofMinutes(10)), Duration.ZERO)).contains(Duration.ofMinutes(2));
        assertThat(schedule.next(1, rateLimited(Duration.ZERO), Duration.ZERO)).contains(Duration.ZERO);
    }

    @Test
    void stopsWhenTheNextWaitWouldPassTheTimeBudget() {
        BackoffSchedule schedule = new BackoffSchedule(
                properties(Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofMinutes(1)), pinned(true));

        assertThat(schedule.next(1, UNAVAILABLE, Duration.ofSeconds(58))).contains(Duration.ofSeconds(2));
        assertThat(schedule.next(1, UNAVAILABLE, Duration.ofSeconds(59))).isEmpty();
        assertThat(schedule.next(1, rateLimited(Duration.ofSeconds(30)), Duration.ofSeconds(40))).isEmpty();
    }

    private static ApiException rateLimited(Duration wait) {
        return new ApiException(Kind.TRANSIENT, 429, "HTTP 429", wait, null);
    }
}
