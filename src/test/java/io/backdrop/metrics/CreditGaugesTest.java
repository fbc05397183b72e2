package io.backdrop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.job.RunCredits;
import io.backdrop.model.CallSetting;
import io.backdrop.model.TeamCredits;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The run's credit figures as Prometheus gauges, read afresh at each scrape. */
class CreditGaugesTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RunCredits credits = new RunCredits();

    @Test
    void gaugesFollowTheAnswersAndAreNaNUntilAFigureIsReported() {
        new CreditGauges(registry, credits);

        assertThat(registry.scrape()).contains("backdrop_credits_left NaN").contains("backdrop_credits_limit NaN")
                .contains("backdrop_credits_mean_per_call{quality=\"low\"} NaN");

        credits.record(new CallSetting("low", "1024x1024"), new TeamCredits(10_000L, 1_000L));
        credits.record(new CallSetting("high", "1024x1024"), new TeamCredits(10_000L, 5_000L));
        credits.record(new CallSetting("low", "1024x1024"), new TeamCredits(null, 6_000L));

        assertThat(registry.scrape())
                .contains("backdrop_credits_limit 10000.0")
                .contains("backdrop_credits_used 6000.0")
                .contains("backdrop_credits_left 4000.0")
                .contains("backdrop_credits_run_rise 5000.0")
                .contains("backdrop_credits_mean_per_call{quality=\"high\"} 4000.0")
                .contains("backdrop_credits_mean_per_call{quality=\"low\"} 1000.0")
                .contains("backdrop_credits_mean_per_call{quality=\"medium\"} NaN");
    }
}
