package io.backdrop.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final RetryAfter retryAfter = new RetryAfter(Clock.fixed(Instant.parse("2025-01-15T14:00:00Z"), ZoneOffset.UTC));

    @Test
    void seconds() {
        assertThat(retryAfter.parse("120")).contains(Duration.ofMinutes(2));
        assertThat(retryAfter.parse(" 0 ")).contains(Duration.ZERO);
    }

    @Test
    void httpDate() {
        assertThat(retryAfter.parse("Wed, 15 Jan 2025 14:01:30 GMT")).contains(Duration.ofSeconds(90));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(retryAfter.parse("Wed, 15 Jan 2025 13:00:00 GMT")).contains(Duration.ZERO);
    }

    @Test
    void absentOrUnreadableMeansNoAdvice() {
        assertThat(retryAfter.parse(null)).isEmpty();
        assertThat(retryAfter.parse("")).isEmpty();
        assertThat(retryAfter.parse("soon")).isEmpty();
        assertThat(retryAfter.parse("-5")).isEmpty();
        assertThat(retryAfter.parse("99999999999999999999999")).isEmpty();
    }
}
