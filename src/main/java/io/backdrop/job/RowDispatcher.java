package io.backdrop.job;

import io.backdrop.api.ApiException;
import io.backdrop.model.CallConcurrency;
import io.backdrop.model.ImageSize;
import io.backdrop.model.ManifestRow;
import io.backdrop.model.PendingRow;
import io.backdrop.model.RowCheck;
import io.backdrop.model.RowDefaults;
import io.backdrop.model.RowPlan;
import io.backdrop.model.RowRecord;
import io.backdrop.model.RowRequest;
import io.backdrop.model.RowStatus;
import io.backdrop.storage.OutputBucket;
import io.backdrop.validation.RowValidator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The writer of the rows step. Rows an earlier execution of the same job instance finished are
 * passed over by the reader ({@link CarriedOverRows}); one the ledger shows finished by the time
 * its chunk is written is passed over here, before any I/O on its image. Every other row goes to
 * a worker, which judges its image ({@link RowValidator#complete}), records it as rejected or takes
 * it through the API, resuming from the stage the ledger shows. The writer waits only for a free
 * worker, never for the rest of the chunk.
 * <p>
 * {@code --concurrency N} bounds the paid calls in flight ({@link CallSlots}); the workers are N
 * plus the headroom, so that while N rows hold a call the others stage, judge and upload the next
 * rows, or download and publish the last ones, and a freed slot is taken at once. The step ends
 * when the last worker is done, so calls in flight always finish and are recorded, whether the
 * step completes, fails or is stopped; rows still waiting for a slot then go without, and keep
 * their upload for the restart.
 */
public class RowDispatcher implements ItemWriter<PendingRow>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RowDispatcher.class);

    /** Where the reason the job stopped early is kept, for status and list. */
    public static final String HALT_REASON = "backdrop.halt.reason";
    /** How often a writer waiting for a worker looks for a stop request in the job repository. */
    private static final Duration STOP_CHECK = Duration.ofSeconds(1);

    private final RowLedger ledger;
    private final RowValidator validator;
    private final RowWorkflow workflow;
    private final OutputBucket output;
    private final FailureBudget failureBudget;
    private final CallConcurrency concurrency;
    private final List<RowObserver> observers;
    private final StopRequest stopRequest;
    private final AtomicReference<RuntimeException> halt = new AtomicReference<>();
    private Semaphore workers;
    private CallSlots calls;
    private ExecutorService executor;
    private StepExecution stepExecution;
    private long jobInstanceId;
    private long jobExecutionId;
    private RowDefaults defaults;
    /** When the job repository was last asked for a stop ({@link System#nanoTime}); only the writer's thread uses it. */
    private long lastStopCheck;

    public RowDispatcher(RowLedger ledger, RowValidator validator, RowWorkflow workflow, OutputBucket output,
                         FailureBudget failureBudget, CallConcurrency concurrency, List<RowObserver> observers,
                         StopRequest stopRequest) {
        this.ledger = ledger;
        this.validator = validator;
        this.workflow = workflow;
        this.output = output;
        this.failureBudget = failureBudget;
        this.concurrency = concurrency;
        this.observers = List.copyOf(observers);
        this.stopRequest = stopRequest;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
        jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        jobExecutionId = stepExecution.getJobExecution().getId();
        defaults = RunParameters.of(stepExecution.getJobParameters()).defaults();
        lastStopCheck = System.nanoTime();
        // A restart's execution starts with the context of the one it restarts: its reason to stop
        // is not this execution's, and would stand in for this one's own error.
        stepExecution.getJobExecution().getExecutionContext().remove(HALT_REASON);
        workers = new Semaphore(concurrency.rows());
        calls = new CallSlots(concurrency.calls(), observers, stepExecution::isTerminateOnly);
        CustomizableThreadFactory threads = new CustomizableThreadFactory("backdrop-row-");
        threads.setDaemon(true);
        executor = Executors.newFixedThreadPool(concurrency.rows(), threads);
    }

    @Override
    public void write(Chunk<? extends PendingRow> chunk) throws InterruptedException {
        // One query for what earlier executions recorded of the whole chunk, not one per row.
        Map<Integer, RowRecord> recorded = ledger.findRows(jobInstanceId,
                chunk.getItems().stream().map(PendingRow::row).toList());
        for (PendingRow pending : chunk) {
            if (halt.get() != null) {
                // Halted (the budget, or an error no row can get past): the step ends at this chunk's
                // end as a graceful stop does, and afterStep records why, FAILED unless it was the
                // budget. Not thrown: Spring Batch would log an expected end as a failed chunk, with a
                // stack trace, beside the summary's one line that says what to do.
                stepExecution.setTerminateOnly();
                return;
            }
            RowRecord earlier = recorded.get(pending.row());
            if (earlier != null && earlier.finished()) {
                observers.forEach(observer -> observer.rowFinished(earlier.row(), earlier.status(), true));
            } else if (stopAsked() || !awaitWorker()) {
                // Stopped or halted: as Spring Batch stops, at this chunk's end, and no row of it is taken after.
                stepExecution.setTerminateOnly();
                calls.close();
                return;
            } else {
                dispatch(pending, earlier);
            }
        }
    }

    /**
     * Waits for a free worker; false when the execution is asked to stop meanwhile. Spring Batch
     * sees a stop only between chunks, and while every worker is busy the chunk does not end:
     * without a look of its own, the rows waiting for a call slot would take one after the stop.
     */
    private boolean awaitWorker() throws InterruptedException {
        while (!workers.tryAcquire(STOP_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
            if (halt.get() != null || stepExecution.isTerminateOnly() || stopRequest.made()) {
                return false;
            }
            lastStopCheck = System.nanoTime();
        }
        return true;
    }

    /**
     * Whether a stop was asked since the last look, looking in the job repository at most once a
     * {@link #STOP_CHECK}: while workers are free the rows of a chunk are taken without waiting, and
     * a stop seen only at the chunk's end would let every row of it make its call.
     */
    private boolean stopAsked() {
        if (stepExecution.isTerminateOnly()) {
            return true;
        }
        long now = System.nanoTime();
        if (now - lastStopCheck < STOP_CHECK.toNanos()) {
            return false;
        }
        lastStopCheck = now;
        return stopRequest.made();
    }

    private void dispatch(PendingRow pending, RowRecord earlier) {
        int row = pending.row();
        executor.execute(() -> {
            RowRecord done = null;
            boolean started = false;
            try (StagedSource source = pending.image() == null ? null : workflow.source(pending.image())) {
                if (halt.get() == null) {
                    RowCheck check = earlier != null && earlier.paid() && earlier.request() != null
                            ? new RowCheck.Valid(asSent(pending, earlier))
                            : validator.complete(pending, source);
                    if (check instanceof RowCheck.Rejected rejected) {
                        done = record(rejected, earlier);
                    } else if (check instanceof RowCheck.Valid valid) {
                        started = true;
                        observers.forEach(observer -> observer.rowStarted(row));
                        RowPlan plan = valid.plan();
                        RowRecord start = RowRecord.resume(earlier, jobInstanceId, jobExecutionId, row,
                                plan.source().line(), plan.id(), earlier != null && earlier.paid() ? earlier.image()
                                        : pending.imageCell(), sent(plan));
                        done = workflow.process(plan, start, output, source, calls);
                        failureBudget.record(done.status() == RowStatus.FAILED).ifPresent(this::haltWith);
                    }
                }
            } catch (CallsClosedException e) {
                // Closed by whoever halted or stopped the step; the row is left for the restart.
            } catch (BudgetReachedException e) {
                halt(e);
                stepExecution.setTerminateOnly();
            } catch (ApiException | OutputUnavailableException e) {
                halt(e);
            } catch (RuntimeException e) {
                log.error("row {} ({}): unexpected failure", row, pending.id(), e);
                halt(e);
            } finally {
                workers.release();
                RowRecord finished = done;
                if (finished != null) {
                    observers.forEach(observer -> observer.rowFinished(finished.row(), finished.status(), false));
                } else if (started) {
                    observers.forEach(observer -> observer.rowAbandoned(row));
                }
            }
        });
    }

    /**
     * The plan of a row whose paid call was answered in an earlier execution: what it sent, as the
     * ledger recorded it. Its image is not judged again, nor read: the result is paid for, and is
     * published even if the photo has gone or its cells were changed since.
     */
    private static RowPlan asSent(PendingRow pending, RowRecord paid) {
        // The id it was paid under, judged then: the cell may have been edited into anything since.
        RowRequest sent = paid.request();
        return new RowPlan(pending.source(), paid.id(), pending.image(), -1, null, sent.prompt(),
                ImageSize.parse(sent.size()).orElseThrow(), sent.quality(), sent.background());
    }

    /** A rejected row; the paid calls an earlier execution left in doubt for it stay counted. */
    private RowRecord record(RowCheck.Rejected rejected, RowRecord earlier) {
        RowRecord record = RowRecord.rejected(jobInstanceId, jobExecutionId, rejected.source().row(),
                rejected.source().line(), rejected.id(), rejected.image(), rejected.message(), asked(rejected.source()));
        if (earlier != null && earlier.inDoubtOnResume() > 0) {
            record = record.withLostAnswers(earlier.inDoubtOnResume());
        }
        ledger.save(record);
        return record;
    }

    /** What a valid row sends: kept in the ledger for the report, which reads nothing else. */
    private static RowRequest sent(RowPlan plan) {
        return new RowRequest(plan.prompt(), plan.size().toString(), plan.quality(), plan.background());
    }

    /** What a rejected row asked for, each cell as written or else the run's default. */
    private RowRequest asked(ManifestRow row) {
        return new RowRequest(orDefault(row.cell(ManifestRow.PROMPT), defaults.prompt()),
                orDefault(row.cell(ManifestRow.SIZE), defaults.size()),
                orDefault(row.cell(ManifestRow.QUALITY), defaults.quality()),
                orDefault(row.cell(ManifestRow.BACKGROUND), defaults.background()));
    }

    private static String orDefault(String cell, String fallback) {
        return cell.isEmpty() ? fallback.trim() : cell;
    }

    private void haltWith(String reason) {
        halt(new JobHaltedException(reason));
    }

    /** Keeps the first reason to halt; no row waiting for a call slot makes its call after it. */
    private void halt(RuntimeException cause) {
        halt.compareAndSet(null, cause);
        calls.close();
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
            // Stopped or failed: the calls in flight finish, and no row waiting for a slot pays.
            calls.close();
        }
        executor.shutdown();
        try {
            while (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.info("waiting for {} call(s) in flight and {} row(s) in progress to finish", calls.inFlight(),
                        concurrency.rows() - workers.availablePermits());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RuntimeException cause = halt.get();
        if (cause == null) {
            return stepExecution.getExitStatus();
        }
        stepExecution.getJobExecution().getExecutionContext().putString(HALT_REASON, cause.getMessage());
        if (cause instanceof BudgetReachedException) {
            // Not a failure: the execution did what it was allowed to; a restart goes on.
            stepExecution.setStatus(BatchStatus.STOPPED);
            return ExitStatus.STOPPED.addExitDescription(cause.getMessage());
        }
        if (stepExecution.getStatus() != BatchStatus.FAILED) {
            stepExecution.setStatus(BatchStatus.FAILED);
            stepExecution.addFailureException(cause);
        }
        return ExitStatus.FAILED.addExitDescription(cause.getMessage());
    }
}
