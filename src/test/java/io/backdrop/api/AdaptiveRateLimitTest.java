package io.backdrop.api;

import static io.backdrop.api.ScriptedApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The rate arithmetic and the pacing, without waiting: periods are an hour long, so whether a call
 * would wait shows in the reservation the limiter makes, never in the clock.
 */
class AdaptiveRateLimitTest {

    private static final ApiException TOO_MANY = new ApiException(ApiException.Kind.TRANSIENT, 429, "HTTP 429");

    @Test
    void readsRatesPerSecondMinuteAndHour() {
        assertThat(RateLimit.parse("120/min")).isEqualTo(new RateLimit(120, Duration.ofMinutes(1)));
        assertThat(RateLimit.parse("2/s")).isEqualTo(new RateLimit(2, Duration.ofSeconds(1)));
        assertThat(RateLimit.parse(" 3000 / hour ")).isEqualTo(new RateLimit(3000, Duration.ofHours(1)));
        assertThat(RateLimit.parse("120/min").toString()).isEqualTo("120/min");
        assertThat(RateLimit.parse("2/sec").perSecond()).isEqualTo(2.0);
    }

    @Test
    void refusesWhatIsNotARate() {
        for (String bad : new String[] {"120", "0/min", "-1/s", "ten/min", "5/day", "", "1.5/s"}) {
            assertThatThrownBy(() -> RateLimit.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void startsAtTheConfiguredRate() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit("test", RateLimit.parse("120/min"));

        assertThat(limit.permitsPerPeriod()).isEqualTo(120);
        assertThat(limit.pacedPermitsPerPeriod()).isEqualTo(120);
    }

    @Test
    void letsThePeriodsPermitsGoAtOnceAndMakesTheNextCallWait() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit("test", RateLimit.parse("3/h"));

        assertThat(limit.reserve()).isZero();
        assertThat(limit.reserve()).isZero();
        assertThat(limit.reserve()).isZero();
        assertThat(limit.reserve()).isPositive();
    }

    @Test
    void a429HalvesTheRateAndSpendsThePeriodsRemainingPermits() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit("test", RateLimit.parse("120/h"));

        assertThatThrownBy(() -> limit.call(() -> {
            throw TOO_MANY;
        })).isSameAs(TOO_MANY);

        assertThat(limit.permitsPerPeriod()).isEqualTo(60);
        assertThat(limit.pacedPermitsPerPeriod()).isEqualTo(60);
        // 119 permits were left in this hour; after the 429 the next call waits for the next one.
        assertThat(limit.reserve()).isPositive();
    }

    @Test
    void successesRestoreTheRateGraduallyAndNeverPastTheConfiguredOne() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit("test", RateLimit.parse("120/min"));
        limit.throttled(limit.acquire());

        limit.succeeded();
        assertThat(limit.permitsPerPeriod()).isEqualTo(66);
        for (int i = 0; i < 8; i++) {
            limit.succeeded();
        }
        assertThat(limit.permitsPerPeriod()).isEqualTo(114);
        limit.succeeded();
        limit.succeeded();
        assertThat(limit.permitsPerPeriod()).isEqualTo(120);
        assertThat(limit.pacedPermitsPerPeriod()).isEqualTo(120);
    }

    @Test
    void the429sOfCallsSentBeforeABackOffDoNotCutTheRateAgain() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit("test", RateLimit.parse("120/min"));
        AdaptiveRateLimit.Permit first = limit.acquire();
        AdaptiveRateLimit.Permit second = limit.acquire();
        AdaptiveRateLimit.Permit third = limit.acquire();

        limit.throttled(first);
        limit.throttled(second);
        limit.throttled(third);
        assertThat(limit.permitsPerPeriod()).isEqualTo(60);

        AdaptiveRateLimit.Permit sentAfterTheBackOff = new AdaptiveRateLimit.Permit(1);
        limit.throttled(sentAfterTheBackOff);
        assertThat(limit.permitsPerPeriod()).isEqualTo(30);
    }

    @Test
    void neverFallsBelowOneCallPerPeriod() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit("test", RateLimit.parse("5/min"));
        for (int generation = 0; generation < 10; generation++) {
            limit.throttled(new AdaptiveRateLimit.Permit(generation));
        }

        assertThat(limit.permitsPerPeriod()).isEqualTo(1);
        assertThat(limit.pacedPermitsPerPeriod()).isEqualTo(1);
    }

    @Test
    void otherFailuresLeaveTheRateAlone() {
        AdaptiveRateLimit limit = new AdaptiveRateLimit("test", RateLimit.parse("120/min"));
        ApiException serverError = new ApiException(ApiException.Kind.TRANSIENT, 503, "HTTP 503");

        assertThatThrownBy(() -> limit.call(() -> {
            throw serverError;
        })).isSameAs(serverError);

        assertThat(limit.permitsPerPeriod()).isEqualTo(120);
    }

    @Test
    void theClientHalvesItsRateWhenTheApiAnswers429() throws Exception {
        try (ScriptedApiServer server = ScriptedApiServer.started()) {
            server.script("/api/features", json(200, Fixtures.seedFeatureAnswer().toString()),
                    json(429, "{\"message\":\"Too many requests\"}"));
            // One attempt per call: a retry would wait out the drained hour.
            OneMinClient client = new OneMinClient(Fixtures.withRateLimit(Fixtures.properties(server.base(), 1), "600/h"),
                    Fixtures.KEY, CallObserver.NONE);
            AdaptiveRateLimit limit = client.featureRateLimit().orElseThrow();
            PromptObject prompt = new PromptObject("images/a.png", "a beach", "1024x1024", "low", null);

            client.replaceBackground(prompt);
            assertThat(limit.permitsPerPeriod()).isEqualTo(600);

            assertThatThrownBy(() -> client.replaceBackground(prompt))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(429));
            assertThat(limit.permitsPerPeriod()).isEqualTo(300);
            assertThat(limit.target()).isEqualTo(RateLimit.parse("600/h"));
        }
    }

    @Test
    void noRateLimitIsConfiguredByDefault() {
        assertThat(Fixtures.client(java.net.URI.create("http://127.0.0.1:9"), 1).featureRateLimit()).isEmpty();
    }

    @Test
    void propertiesRefuseABadRate() {
        assertThatThrownBy(() -> Fixtures.withRateLimit(Fixtures.properties(java.net.URI.create("http://127.0.0.1:9"), 1), "fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate-limit: expected calls per s, min or h")
                .hasMessageContaining("'fast'");
    }
}
