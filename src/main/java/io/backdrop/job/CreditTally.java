package io.backdrop.job;

import io.backdrop.model.CallSetting;
import io.backdrop.model.CreditSummary;
import io.backdrop.model.TeamCredits;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tells what each paid call moved the team's credit counter by. The counter only rises, so in its
 * order each reading's rise over the one below it is what that call cost (plus what other users
 * spent in between); the lowest reading has nothing below it and is not measured. Answers of calls
 * in flight together may arrive out of the counter's order: a reading that lands between two
 * others takes its share of the upper one's rise, so the totals come out as if the answers had
 * arrived in order. Only the latest {@code window} readings are kept, so memory stays flat; a
 * reading lower than all of them arrives too late to place and is counted as a call, not measured.
 * Thread-safe.
 */
final class CreditTally {

    private record Reading(long used, long sequence, CallSetting setting) {
    }

    /** Paid calls of one setting, how many of them were measured, and their rises added up. */
    record Totals(long calls, long measured, long risen) {

        Totals plus(Totals other) {
            return new Totals(calls + other.calls, measured + other.measured, risen + other.risen);
        }
    }

    private static final Comparator<Reading> COUNTER_ORDER =
            Comparator.comparingLong(Reading::used).thenComparingLong(Reading::sequence);

    private final int window;
    private final TreeSet<Reading> recent = new TreeSet<>(COUNTER_ORDER);
    private final Map<CallSetting, long[]> totals = new LinkedHashMap<>();
    private boolean forgotten;
    private long sequence;
    private long paidCalls;
    private long reportedCalls;
    private Long lowest;
    private Long highest;

    CreditTally(int window) {
        this.window = window;
    }

    /** One paid call; {@code usedCredit} null when its answer did not report the counter. */
    synchronized void add(CallSetting setting, Long usedCredit) {
        long[] own = totalsOf(setting);
        own[0]++;
        paidCalls++;
        if (usedCredit == null) {
            return;
        }
        reportedCalls++;
        lowest = lowest == null ? usedCredit : Math.min(lowest, usedCredit);
        highest = highest == null ? usedCredit : Math.max(highest, usedCredit);
        Reading reading = new Reading(usedCredit, sequence++, setting);
        Reading below = recent.lower(reading);
        Reading above = recent.higher(reading);
        if (below == null && forgotten) {
            return;
        }
        if (below != null) {
            long rise = reading.used() - below.used();
            own[1]++;
            own[2] += rise;
            if (above != null) {
                totalsOf(above.setting())[2] -= rise;
            }
        } else if (above != null) {
            long[] upper = totalsOf(above.setting());
            upper[1]++;
            upper[2] += above.used() - reading.used();
        }
        recent.add(reading);
        if (recent.size() > window) {
            recent.pollFirst();
            forgotten = true;
        }
    }

    /** Paid calls by setting, with their measured rises; a copy. */
    synchronized Map<CallSetting, Totals> totals() {
        Map<CallSetting, Totals> copy = new LinkedHashMap<>();
        totals.forEach((setting, figures) -> copy.put(setting, new Totals(figures[0], figures[1], figures[2])));
        return copy;
    }

    /** The figures, with the team's state at the latest answer as the caller knows it. */
    synchronized CreditSummary summary(TeamCredits latest) {
        Map<String, Totals> byQuality = new HashMap<>();
        totals().forEach((setting, figures) -> byQuality.merge(setting.quality(), figures, Totals::plus));
        Map<String, CreditSummary.PerQuality> perQuality = new HashMap<>();
        byQuality.forEach((quality, figures) -> perQuality.put(quality, new CreditSummary.PerQuality(figures.calls(),
                figures.measured(), figures.measured() == 0 ? null : (double) figures.risen() / figures.measured())));
        return new CreditSummary(paidCalls, reportedCalls, latest.creditLimit(), latest.usedCredit(), latest.left(),
                lowest == null ? null : highest - lowest, perQuality);
    }

    private long[] totalsOf(CallSetting setting) {
        return totals.computeIfAbsent(setting, key -> new long[3]);
    }
}
