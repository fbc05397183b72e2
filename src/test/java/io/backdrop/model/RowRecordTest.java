package io.backdrop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The ledger's state machine: the moves a row may make, what each keeps, and the moves refused. */
class RowRecordTest {

    private static final RowRequest ASKED = new RowRequest("a beach", "1024x1024", "high", "opaque");

    private static RowRecord fresh() {
        return RowRecord.resume(null, 7, 70, 3, 4, "sku-3", "images/a.png", ASKED);
    }

    @Test
    void aRowWalksFromNothingToSucceededCountingEveryCall() {
        RowRecord uploaded = fresh().withFingerprint("fp").uploaded("assets/a.png", 2);
        RowRecord calling = uploaded.calling();
        RowRecord generated = uploaded.generated("uuid", "results/a.png", "http://x/a.png", 3, 1);
        RowRecord succeeded = generated.succeeded("out/sku-3.png", 1);

        assertThat(calling.status()).isEqualTo(RowStatus.CALLING);
        assertThat(calling.assetPath()).isEqualTo("assets/a.png");
        assertThat(calling.paid()).isFalse();
        assertThat(succeeded.status()).isEqualTo(RowStatus.SUCCEEDED);
        assertThat(succeeded.attempts()).isEqualTo(6);
        assertThat(succeeded.inDoubtCalls()).isEqualTo(1);
        assertThat(succeeded.fingerprint()).isEqualTo("fp");
        assertThat(succeeded.assetPath()).isEqualTo("assets/a.png");
        assertThat(succeeded.temporaryUrl()).isEqualTo("http://x/a.png");
        assertThat(succeeded.output()).isEqualTo("out/sku-3.png");
        assertThat(succeeded.request()).isEqualTo(ASKED);
        assertThat(succeeded.finished()).isTrue();
    }

    @Test
    void theCallingMarkMayBeFollowedByItsAnswerOrAFailure() {
        RowRecord calling = fresh().uploaded("assets/a.png", 1).calling();

        assertThat(calling.generated("uuid", "r", "http://x", 1, 0).status()).isEqualTo(RowStatus.GENERATED);
        assertThat(calling.failed("lost", true, 1, 1).status()).isEqualTo(RowStatus.FAILED);
    }

    @Test
    void aFailureKeepsTheStageReachedAndARestartResumesFromIt() {
        RowRecord failed = fresh().uploaded("assets/a.png", 1)
                .generated("uuid", "results/a.png", "http://x/a.png", 1, 0)
                .failed("download truncated", true, 2, 0);

        assertThat(failed.error()).isEqualTo("download truncated");
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.finished()).isFalse();
        assertThat(failed.temporaryUrl()).isEqualTo("http://x/a.png");

        RowRecord resumed = RowRecord.resume(failed, 7, 71, 3, 4, "sku-3", "images/a.png", ASKED);
        assertThat(resumed.status()).isEqualTo(RowStatus.GENERATED);
        assertThat(resumed.error()).isNull();
        assertThat(resumed.jobExecutionId()).isEqualTo(71);
        assertThat(resumed.attempts()).isEqualTo(4);
        assertThat(resumed.succeeded("out/sku-3.png", 1).status()).isEqualTo(RowStatus.SUCCEEDED);
    }

    @Test
    void aRowFoundCallingIsResumedFromItsUploadWithTheLostCallInDoubt() {
        RowRecord calling = fresh().uploaded("assets/a.png", 1).calling();

        RowRecord resumed = RowRecord.resume(calling, 7, 71, 3, 4, "sku-3", "images/a.png", ASKED);

        assertThat(resumed.status()).isEqualTo(RowStatus.UPLOADED);
        assertThat(resumed.inDoubtCalls()).isEqualTo(1);
        assertThat(resumed.calling().status()).isEqualTo(RowStatus.CALLING);
    }

    @Test
    void aReuseTakesTheEarlierResultAndNoUpload() {
        RowRecord earlier = fresh().uploaded("assets/a.png", 1).generated("uuid", "results/a.png", "http://x", 1, 0)
                .succeeded("out/sku-3.png", 1);

        RowRecord reused = fresh().uploaded("assets/b.png", 1).reused(earlier, "out/sku-4.png");

        assertThat(reused.status()).isEqualTo(RowStatus.REUSED);
        assertThat(reused.assetPath()).isNull();
        assertThat(reused.aiRecordUuid()).isEqualTo("uuid");
        assertThat(reused.output()).isEqualTo("out/sku-4.png");
        assertThat(reused.paid()).isFalse();
    }

    @Test
    void aRejectedRowHasItsErrorAndIsFinal() {
        RowRecord rejected = RowRecord.rejected(7, 70, 3, 4, "sku-3", "images/a.png", "row 3: bad size", ASKED);

        assertThat(rejected.status()).isEqualTo(RowStatus.REJECTED);
        assertThat(rejected.error()).isEqualTo("row 3: bad size");
        assertThat(rejected.finished()).isTrue();
    }

    @Test
    void anUploadTheApiNoLongerKnowsIsReplacedByANewOne() {
        RowRecord again = fresh().uploaded("images/old.png", 1).uploaded("images/new.png", 1);

        assertThat(again.status()).isEqualTo(RowStatus.UPLOADED);
        assertThat(again.assetPath()).isEqualTo("images/new.png");
    }

    @Test
    void movesTheMachineDoesNotAllowAreProgrammingErrors() {
        RowRecord succeeded = fresh().uploaded("a", 1).generated("u", "r", "http://x", 1, 0).succeeded("o", 1);

        assertThatThrownBy(() -> fresh().calling())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot move from (none) to CALLING");
        assertThatThrownBy(() -> fresh().succeeded("o", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> fresh().uploaded("a", 1).succeeded("o", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot move from UPLOADED to SUCCEEDED");
        assertThatThrownBy(() -> fresh().uploaded("a", 1).calling().uploaded("b", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> succeeded.failed("late", false, 0, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> succeeded.reused(succeeded, "o2")).isInstanceOf(IllegalStateException.class);
        RowRecord rejected = RowRecord.rejected(7, 70, 3, 4, "sku-3", "images/a.png", "bad", ASKED);
        assertThatThrownBy(() -> rejected.uploaded("a", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyMoveTheRecordMakesIsOneTheStatusDeclares() {
        for (RowStatus status : RowStatus.values()) {
            assertThat(status.successors().isEmpty()).as(status.name()).isEqualTo(status.finished());
        }
        assertThat(RowStatus.first()).doesNotContain(RowStatus.CALLING, RowStatus.GENERATED, RowStatus.SUCCEEDED);
    }

    @Test
    void amendmentsKeepTheStatusAndWhatWasThere() {
        RowRecord failed = fresh().uploaded("a", 1).failed("no credits", false, 1, 0);

        RowRecord amended = failed.withFingerprint("fp").withLostAnswers(2);

        assertThat(amended.status()).isEqualTo(RowStatus.FAILED);
        assertThat(amended.error()).isEqualTo("no credits");
        assertThat(amended.fingerprint()).isEqualTo("fp");
        assertThat(amended.inDoubtCalls()).isEqualTo(2);
        assertThat(amended.attempts()).isEqualTo(2);
    }

    @Test
    void theStatusGroupsCoverEveryStatusOnce() {
        for (RowStatus status : RowStatus.values()) {
            int groups = (RowStatus.WENT_WELL.contains(status) ? 1 : 0) + (RowStatus.PROBLEMS.contains(status) ? 1 : 0)
                    + (RowStatus.UNFINISHED.contains(status) ? 1 : 0);
            assertThat(groups).as(status.name()).isEqualTo(1);
            assertThat(status.shown()).isEqualTo(status.finished() ? status.name() : "PENDING");
        }
    }
}
