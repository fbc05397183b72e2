package io.backdrop.metrics;

import io.backdrop.job.RunCredits;
import io.backdrop.model.CreditSummary;
import io.backdrop.validation.RowValidator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The run's credit figures as gauges, for {@code --metrics-port}: the team's limit, used and left
 * credits at the latest answer, how far the team's counter rose during the run, and its mean rise
 * per paid call by quality. A figure not (yet) reported is NaN.
 */
@Component
public class CreditGauges {

    public static final String LIMIT = "backdrop.credits.limit";
    public static final String USED = "backdrop.credits.used";
    public static final String LEFT = "backdrop.credits.left";
    public static final String RUN_RISE = "backdrop.credits.run.rise";
    public static final String MEAN_PER_CALL = "backdrop.credits.mean.per.call";

    public CreditGauges(MeterRegistry registry, RunCredits credits) {
        gauge(registry, credits, LIMIT, "The team's credit limit at the latest answer",
                run -> orNaN(run.latest().creditLimit()));
        gauge(registry, credits, USED, "The team's used credits at the latest answer (every user of the team)",
                run -> orNaN(run.latest().usedCredit()));
        gauge(registry, credits, LEFT, "The team's credits left at the latest answer",
                run -> orNaN(run.latest().left()));
        gauge(registry, credits, RUN_RISE, "How far the team's used credits rose during this run (other users' calls included)",
                run -> orNaN(run.summary().usedCreditRise()));
        for (String quality : RowValidator.QUALITIES) {
            Gauge.builder(MEAN_PER_CALL, credits, run -> meanPerCall(run.summary(), quality))
                    .description("Mean rise of the team's used credits per paid call of this run (other users' calls included)")
                    .tag("quality", quality)
                    .strongReference(true)
                    .register(registry);
        }
    }

    private static void gauge(MeterRegistry registry, RunCredits credits, String name, String description,
                              ToDoubleFunction<RunCredits> value) {
        Gauge.builder(name, credits, value).description(description).strongReference(true).register(registry);
    }

    private static double meanPerCall(CreditSummary summary, String quality) {
        CreditSummary.PerQuality figures = summary.byQuality().get(quality);
        return figures == null || figures.meanPerCall() == null ? Double.NaN : figures.meanPerCall();
    }

    private static double orNaN(Long value) {
        return value == null ? Double.NaN : value;
    }
}
