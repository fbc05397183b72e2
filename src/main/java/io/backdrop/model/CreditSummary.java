package io.backdrop.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one execution's paid calls tell about credits. The team's counter ({@code usedCredit}) is
 * shared with everyone on the team, so its rise during a run is this run's cost plus whatever
 * other users spent meanwhile: every figure here is labelled as what it is, never as "the cost".
 *
 * @param paidCalls     paid calls this execution made (answers that came back with a result)
 * @param reportedCalls those of them whose answer reported the team's used credits
 * @param creditLimit   the team's limit at the latest answer that reported it; null when none did
 * @param usedCredit    the team's used credits at the latest answer: the highest reading, since the
 *                      counter only rises and answers may arrive out of order; null when none reported them
 * @param creditsLeft   {@code creditLimit - usedCredit}; null unless both are known
 * @param usedCreditRise how far {@code usedCredit} rose from the lowest to the highest reading of
 *                      this execution (the first call's own cost is before the first reading); null
 *                      when no answer reported it
 * @param byQuality     paid calls and the counter's mean rise per call, by quality
 */
public record CreditSummary(long paidCalls, long reportedCalls, Long creditLimit, Long usedCredit, Long creditsLeft,
                            Long usedCreditRise, Map<String, PerQuality> byQuality) {

    public static final CreditSummary NONE = new CreditSummary(0, 0, null, null, null, null, Map.of());

    public CreditSummary {
        byQuality = byQuality == null ? Map.of() : Map.copyOf(byQuality);
    }

    /**
     * @param calls        paid calls of this quality
     * @param measured     calls whose rise of the counter could be told (an answer came before
     *                     theirs in the counter's order)
     * @param meanPerCall  the counter's mean rise over those calls; null when none could be measured
     */
    public record PerQuality(long calls, long measured, Double meanPerCall) {
    }

    /** The figures as the run summary, {@code status} and report.html show them. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (paidCalls == 0) {
            lines.add("no paid call recorded its credits in this execution");
            return lines;
        }
        if (reportedCalls == 0) {
            lines.add("not reported by the API (" + paidCalls + " paid call" + (paidCalls == 1 ? "" : "s") + ")");
            return lines;
        }
        lines.add("team used " + figure(usedCredit) + " of " + figure(creditLimit) + " at the latest answer"
                + (creditsLeft == null ? "" : ", " + number(creditsLeft) + " left"));
        lines.add("team counter rose " + number(usedCreditRise) + " during this execution (" + reportedCalls + " of "
                + paidCalls + " answers reported it; other users' calls count too)");
        StringBuilder perCall = new StringBuilder("mean rise per paid call:");
        byQuality.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(quality -> {
            PerQuality figures = quality.getValue();
            perCall.append(' ').append(quality.getKey()).append(' ')
                    .append(figures.meanPerCall() == null ? "not measured"
                            : String.format(Locale.ROOT, "%,.0f", figures.meanPerCall()))
                    .append(" (").append(figures.calls()).append(figures.calls() == 1 ? " call)" : " calls)");
        });
        lines.add(perCall.toString());
        return lines;
    }

    private static String figure(Long value) {
        return value == null ? "not reported" : number(value);
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
