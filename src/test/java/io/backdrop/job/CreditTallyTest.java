package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.model.CallSetting;
import io.backdrop.model.CreditSummary;
import io.backdrop.model.TeamCredits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CreditTallyTest {

    private static final CallSetting LOW = new CallSetting("low", "1024x1024");
    private static final CallSetting HIGH = new CallSetting("high", "1024x1024");

    private record Answer(CallSetting setting, long used) {
    }

    /** Readings of alternating calls of cost 1,000 (low) and 16,000 (high), as the counter charged them. */
    private static List<Answer> charged(int calls) {
        List<Answer> answers = new ArrayList<>();
        long used = 500;
        for (int call = 0; call < calls; call++) {
            CallSetting setting = call % 2 == 0 ? LOW : HIGH;
            used += setting == LOW ? 1_000 : 16_000;
            answers.add(new Answer(setting, used));
        }
        return answers;
    }

    @Test
    void answersArrivingOutOfTheCountersOrderAreMeasuredAsIfTheyHadArrivedInOrder() {
        List<Answer> answers = charged(200);
        CreditTally inOrder = new CreditTally(64);
        answers.forEach(answer -> inOrder.add(answer.setting(), answer.used()));
        List<Answer> shuffled = new ArrayList<>(answers);
        // Calls in flight together: each block of eight arrives in any order.
        Random random = new Random(7);
        for (int block = 0; block < shuffled.size(); block += 8) {
            Collections.shuffle(shuffled.subList(block, Math.min(block + 8, shuffled.size())), random);
        }
        CreditTally outOfOrder = new CreditTally(64);
        shuffled.forEach(answer -> outOfOrder.add(answer.setting(), answer.used()));

        assertThat(outOfOrder.totals()).isEqualTo(inOrder.totals());
        CreditSummary summary = outOfOrder.summary(TeamCredits.NOT_REPORTED);
        assertThat(summary.byQuality().get("high").meanPerCall()).isEqualTo(16_000);
        assertThat(summary.byQuality().get("low").meanPerCall()).isEqualTo(1_000);
        assertThat(summary.byQuality().get("low").measured()).as("the lowest reading has nothing below it").isEqualTo(99);
        assertThat(summary.usedCreditRise()).isEqualTo(answers.get(199).used() - answers.get(0).used());
        assertThat(summary.paidCalls()).isEqualTo(200);
    }

    @Test
    void aReadingBelowEverythingKeptIsCountedButNotMeasured() {
        CreditTally tally = new CreditTally(2);
        tally.add(LOW, 1_000L);
        tally.add(LOW, 2_000L);
        tally.add(LOW, 3_000L);
        tally.add(HIGH, 500L);
        tally.add(HIGH, null);

        CreditSummary summary = tally.summary(new TeamCredits(10_000L, 3_000L));
        assertThat(summary.byQuality().get("low")).isEqualTo(new CreditSummary.PerQuality(3, 2, 1_000.0));
        assertThat(summary.byQuality().get("high")).isEqualTo(new CreditSummary.PerQuality(2, 0, null));
        assertThat(summary.paidCalls()).isEqualTo(5);
        assertThat(summary.reportedCalls()).isEqualTo(4);
        assertThat(summary.creditsLeft()).isEqualTo(7_000);
    }
}
