package io.backdrop.job;

import io.backdrop.model.CallSetting;
import io.backdrop.model.RowRecord;
import io.backdrop.model.TeamCredits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credit side of each paid call of one execution: {@code --reserve-credits} is checked right
 * before it, against the latest answers, which are taken in as soon as they arrive; the figures
 * are written to the database after the call's result is.
 */
public class PaidCallCredits {

    private static final Logger log = LoggerFactory.getLogger(PaidCallCredits.class);

    private final CreditLedger ledger;
    private final RunCredits run;
    private final long reserve;

    /**
     * @param reserve credits the team must keep; 0 for none
     */
    public PaidCallCredits(CreditLedger ledger, RunCredits run, long reserve) {
        this.ledger = ledger;
        this.run = run;
        this.reserve = reserve;
    }

    /** The latest answer the job instance had before this execution, so that a restart does not pay to learn it again. */
    void startFrom(long jobInstanceId) {
        run.startFrom(ledger.latest(jobInstanceId));
    }

    /**
     * @throws CreditReserveReachedException the latest answer left fewer credits than the reserve
     */
    public void beforeCall() {
        Long left = run.latest().left();
        if (reserve > 0 && left != null && left < reserve) {
            throw new CreditReserveReachedException(left, reserve);
        }
    }

    /**
     * Called the moment the paid call returns, before anything is written: the next check of a
     * worker sees this answer at once, however long the ledger takes to write the result.
     */
    public void answered(CallSetting setting, TeamCredits reported) {
        try {
            run.record(setting, reported);
        } catch (RuntimeException e) {
            // This runs before the paid result is written: nothing about a figure may stop that write.
            log.warn("the credit figures of a paid call could not be taken in: {}", e.toString());
        }
    }

    /** Called in the paid result's commit, under a savepoint: a figure that cannot be written never risks the result. */
    public void recorded(RowRecord record, CallSetting setting, TeamCredits reported) {
        ledger.record(record, setting, reported);
    }
}
