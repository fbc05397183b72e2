package io.backdrop.job;

import io.backdrop.model.CallSetting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the rows to pay for may cost in credits, from the team counter's mean rise per paid call
 * that earlier runs on this database recorded: for each quality and size, that setting's mean,
 * else the quality's mean over every size, else no estimate for those rows.
 *
 * @param credits     the estimate for the rows that have one
 * @param lines       one per quality and size to pay for, saying where its figure comes from
 * @param history     earlier paid calls whose rise was measured, over all settings
 */
public record CreditEstimate(double credits, List<String> lines, long history) {

    static CreditEstimate of(Map<CallSetting, Integer> toPay, Map<CallSetting, CreditTally.Totals> recorded) {
        Map<String, CreditTally.Totals> byQuality = new TreeMap<>();
        long history = 0;
        for (Map.Entry<CallSetting, CreditTally.Totals> setting : recorded.entrySet()) {
            byQuality.merge(setting.getKey().quality(), setting.getValue(), CreditTally.Totals::plus);
            history += setting.getValue().measured();
        }
        double credits = 0;
        List<String> lines = new ArrayList<>();
        Map<CallSetting, Integer> ordered = new TreeMap<>(Comparator.comparing(CallSetting::quality)
                .thenComparing(CallSetting::size));
        ordered.putAll(toPay);
        for (Map.Entry<CallSetting, Integer> setting : ordered.entrySet()) {
            CallSetting key = setting.getKey();
            int rows = setting.getValue();
            CreditTally.Totals exact = recorded.get(key);
            CreditTally.Totals quality = byQuality.get(key.quality());
            String head = String.format(Locale.ROOT, "  %-8s %-10s %5d", key.quality(), key.size(), rows);
            if (exact != null && exact.measured() > 0) {
                double mean = (double) exact.risen() / exact.measured();
                credits += mean * rows;
                lines.add(head + String.format(Locale.ROOT, "  x %,.0f = %,.0f (mean of %d earlier calls)",
                        mean, mean * rows, exact.measured()));
            } else if (quality != null && quality.measured() > 0) {
                double mean = (double) quality.risen() / quality.measured();
                credits += mean * rows;
                lines.add(head + String.format(Locale.ROOT, "  x %,.0f = %,.0f (mean of %d earlier %s calls of other sizes)",
                        mean, mean * rows, quality.measured(), key.quality()));
            } else {
                lines.add(head + "  no estimate: no earlier " + key.quality() + " call recorded its credits");
            }
        }
        return new CreditEstimate(credits, lines, history);
    }

    /** The estimate's headline, saying when there is no history to go on. */
    public String headline() {
        if (history == 0) {
            return "no estimate: no earlier paid call on this database recorded the team's credits";
        }
        return String.format(Locale.ROOT, "about %,.0f (the team counter's mean rise per paid call in earlier runs, "
                + "%d calls; other users' calls count too)", credits, history);
    }
}
