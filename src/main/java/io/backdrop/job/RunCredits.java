package io.backdrop.job;

import io.backdrop.model.CallSetting;
import io.backdrop.model.CreditSummary;
import io.backdrop.model.TeamCredits;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The credit figures of the execution this process runs, as its answers arrive: what the
 * {@code --reserve-credits} check and the metrics gauges read.
 */
@Component
public class RunCredits {

    /** Far more answers than can arrive out of order, however many calls are in flight. */
    static final int WINDOW = 4096;

    private final CreditTally tally = new CreditTally(WINDOW);
    private final AtomicReference<TeamCredits> latest = new AtomicReference<>(TeamCredits.NOT_REPORTED);

    /** Starts from an earlier answer (a restart's), unless this execution has had one of its own. */
    void startFrom(TeamCredits earlier) {
        latest.compareAndSet(TeamCredits.NOT_REPORTED, earlier);
    }

    /**
     * One paid call's answer. The team's used credits are the highest reading so far, since the
     * counter only rises and an answer of calls in flight together may arrive after a later one's;
     * the limit is the latest reported (it may be raised or lowered).
     */
    public void record(CallSetting setting, TeamCredits reported) {
        tally.add(setting, reported.usedCredit());
        latest.updateAndGet(before -> new TeamCredits(
                reported.creditLimit() != null ? reported.creditLimit() : before.creditLimit(),
                higher(before.usedCredit(), reported.usedCredit())));
    }

    private static Long higher(Long before, Long reported) {
        if (before == null || reported == null) {
            return before == null ? reported : before;
        }
        return Math.max(before, reported);
    }

    /** The team's credits as the latest answers reported them. */
    public TeamCredits latest() {
        return latest.get();
    }

    /** This execution's figures so far. */
    public CreditSummary summary() {
        return tally.summary(latest());
    }
}
