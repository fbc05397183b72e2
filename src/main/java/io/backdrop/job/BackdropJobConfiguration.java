package io.backdrop.job;

import io.backdrop.api.OneMinClient;
import io.backdrop.manifest.ManifestItemReader;
import io.backdrop.model.ManifestRow;
import io.backdrop.model.PendingRow;
import io.backdrop.report.ReportProperties;
import io.backdrop.report.ThumbnailFolder;
import io.backdrop.report.Thumbnails;
import io.backdrop.storage.KnownSources;
import io.backdrop.storage.OutputBuckets;
import io.backdrop.storage.S3ClientFactory;
import io.backdrop.storage.Sources;
import io.backdrop.validation.RowValidator;
import java.net.URI;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The Backdrop job: one step that reads, validates and dispatches the manifest's rows, and a
 * listener that publishes results.csv when an execution ends. With {@code --partitions N} the step
 * is a Spring Batch partition step whose partitions are row ranges, each worked by the same
 * reader, processor and writer on a local thread or, {@code --remote}, in a worker process.
 */
@Configuration
@EnableConfigurationProperties({JobProperties.class, ReportProperties.class, SourceProperties.class,
        CreditProperties.class, PartitionProperties.class, RemoteProperties.class})
public class BackdropJobConfiguration {

    public static final String JOB_NAME = "backdrop";

    /** The job's step: all rows, or the manager of the partitions. */
    public static final String ROWS_STEP = "rows";

    /** Each partition's step, on a local thread or in a worker process. */
    public static final String PARTITION_STEP = "rows.partition";

    @Bean
    public Job backdropJob(JobRepository jobRepository, Step rowsStep, ResultsReportListener resultsReport,
                           ObjectProvider<JobExecutionListener> otherListeners) {
        var job = new JobBuilder(JOB_NAME, jobRepository)
                .start(rowsStep)
                .listener(new ProcessIdentityListener(jobRepository));
        otherListeners.orderedStream().filter(listener -> listener != resultsReport).forEach(job::listener);
        // Registered last, so that it runs first when the job ends (Spring Batch calls afterJob in
        // reverse order): results.csv, the record of every row, must not wait for report.html.
        return job.listener(resultsReport).build();
    }

    @Bean
    public Step rowsStep(JobRepository jobRepository, PartitionProperties partitions,
                         @Qualifier("partitionStep") Step partitionStep, Partitioner rowRanges, RowLedger ledger,
                         ObjectProvider<PartitionHandler> remoteHandler) {
        if (!partitions.partitioned()) {
            return partitionStep;
        }
        PartitionHandler handler = partitions.remote() ? remoteHandler.getObject() : localHandler(partitionStep, partitions);
        return new StepBuilder(ROWS_STEP, jobRepository)
                .partitioner(partitionStep)
                .splitter(new RowRangeSplitter(jobRepository, rowRanges, ledger))
                .partitionHandler(handler)
                .gridSize(partitions.gridSize())
                .build();
    }

    /** Partitions on this process's threads, one thread each: the remote path's code without the broker. */
    private static PartitionHandler localHandler(Step partitionStep, PartitionProperties partitions) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("backdrop-partition-");
        threads.setConcurrencyLimit(partitions.gridSize());
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(partitionStep);
        handler.setTaskExecutor(threads);
        handler.setGridSize(partitions.gridSize());
        return handler;
    }

    /**
     * What reads, validates and dispatches rows: the whole job's single step in a plain run
     * ({@value #ROWS_STEP}), or each partition's step ({@value #PARTITION_STEP}), restricted to its
     * row range, on a local thread or in a worker process.
     */
    @Bean
    public Step partitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              RowRangeReader manifestReader, RowAdmission rowAdmission,
                              RowDispatcher rowDispatcher, JobProperties properties, PartitionProperties partitions,
                              RecordedSources recordedSources) {
        return new StepBuilder(partitions.partitioned() ? PARTITION_STEP : ROWS_STEP, jobRepository)
                .<ManifestRow, PendingRow>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(manifestReader)
                .processor(rowAdmission)
                .writer(rowDispatcher)
                // Before the dispatcher: Spring Batch calls afterStep in reverse order, and the
                // source records are flushed once the dispatcher's last calls have finished.
                .listener((StepExecutionListener) recordedSources)
                .listener(rowDispatcher)
                // Spring Batch records the step COMPLETED before its listeners run, and the dispatcher's
                // afterStep is where the last rows' calls finish: a kill -9 there leaves a COMPLETED
                // step with rows in flight. A restart therefore always runs the step again; the ledger
                // passes over the finished rows before any read of their images.
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    public Partitioner rowRanges(@Value("#{stepExecution}") StepExecution stepExecution, ManifestPass pass) {
        return new RowRangePartitioner(pass, RunParameters.of(stepExecution.getJobParameters()).manifest());
    }

    @Bean
    @StepScope
    public RowRangeReader manifestReader(@Value("#{stepExecution}") StepExecution stepExecution, ManifestPass pass,
                                         RowLedger ledger, RowAdmission rowAdmission,
                                         ObjectProvider<RowObserver> observers) {
        URI manifest = RunParameters.of(stepExecution.getJobParameters()).manifest();
        ManifestItemReader reader = new ManifestItemReader(Sources.display(manifest), () -> pass.open(manifest));
        reader.setName("manifest");
        // Rows are finished by workers after their chunk commits, so a saved read position could
        // skip rows still in flight. A restart reads from the top; the ledger passes over finished rows.
        reader.setSaveState(false);
        RowRange range = RowRange.of(stepExecution.getExecutionContext());
        RowRange rows = range == null ? RowRange.ALL : range;
        long jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        return new RowRangeReader(reader, rows, new CarriedOverRows(
                () -> ledger.finishedIn(jobInstanceId, rows.first(), rows.last()), rowAdmission,
                observers.orderedStream().toList()));
    }

    @Bean
    @StepScope
    public RowAdmission rowAdmission(@Value("#{stepExecution}") StepExecution stepExecution, Sources sources,
                                     RecordedSources recorded, SourceProperties sourceProperties) {
        return new RowAdmission(validator(stepExecution, sources, recorded, sourceProperties));
    }

    /**
     * The run's rules. The admission's instance remembers the ids it has seen; the dispatcher's
     * judges images from the worker threads, which a step-scoped bean cannot be reached from.
     */
    private static RowValidator validator(StepExecution stepExecution, Sources sources, RecordedSources recorded,
                                          SourceProperties sourceProperties) {
        RunParameters run = RunParameters.of(stepExecution.getJobParameters());
        return new RowValidator(run.defaults(), run.manifest(), sources,
                sourceProperties.rehash() ? KnownSources.NONE : recorded);
    }

    @Bean
    @StepScope
    public RowDispatcher rowDispatcher(@Value("#{stepExecution}") StepExecution stepExecution, RowLedger ledger,
                                       JobRepository jobRepository,
                                       ObjectProvider<OneMinClient> client, Sources sources,
                                       S3ClientFactory s3, JobProperties properties, ReportProperties report,
                                       ObjectProvider<RowObserver> observers, RecordedSources recorded,
                                       SourceProperties sourceProperties, CreditLedger creditLedger,
                                       RunCredits runCredits, CreditProperties creditProperties, JobTally tally,
                                       ManifestPass pass) {
        PaidCallCredits credits = new PaidCallCredits(creditLedger, runCredits, creditProperties.reserve());
        long jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        long jobExecutionId = stepExecution.getJobExecutionId();
        credits.startFrom(jobInstanceId);
        // A partition keeps the limits of the whole execution, counted with its other partitions.
        boolean partition = RowRange.of(stepExecution.getExecutionContext()) != null;
        JobLimits limits = partition ? JobLimits.recorded(stepExecution.getJobExecution(), properties) : JobLimits.of(properties);
        PaidCallBudget budget = partition ? new SharedPaidCallBudget(tally, jobExecutionId, limits.maxImages())
                : new LocalPaidCallBudget(limits.maxImages());
        FailureBudget failures = partition
                ? new SharedFailureBudget(tally, jobInstanceId, jobExecutionId, limits.maxFailures(), limits.maxFailureRate(),
                        limits.failureWindow())
                : new LocalFailureBudget(limits.maxFailures(), limits.maxFailureRate(), limits.failureWindow());
        RowWorkflow workflow = new RowWorkflow(client.getObject(), sources, ledger, properties.workDirectory(),
                budget, credits, !properties.force(),
                thumbnails(stepExecution, properties, report, rowsToWork(stepExecution, pass, ledger)),
                new SourceFingerprints(recorded, sourceProperties.rehash()));
        return new RowDispatcher(ledger, validator(stepExecution, sources, recorded, sourceProperties), workflow, OutputBuckets.open(RunParameters.of(stepExecution.getJobParameters()).output(), s3),
                failures, properties.calls(), observers.orderedStream().toList(),
                new StopRequest(jobRepository, jobExecutionId));
    }

    /**
     * The workers' thumbnails for report.html: twice the rows the page shows are kept, so that the
     * page can pick its sample evenly from them.
     */
    private static RowImageObserver thumbnails(StepExecution stepExecution, JobProperties properties,
                                               ReportProperties report, long expectedRows) {
        if (!report.contactSheet() || report.sample() == 0) {
            return RowImageObserver.NONE;
        }
        return new SampledThumbnails(2 * report.sample(), expectedRows,
                new Thumbnails(Thumbnails.DEFAULT_MAX_EDGE, Thumbnails.DEFAULT_MAX_PIXELS),
                ThumbnailFolder.of(properties.workDirectory(), stepExecution.getJobExecution().getJobInstance().getInstanceId(),
                        RunParameters.runId(stepExecution.getJobParameters())));
    }

    /**
     * The rows this step is expected to work: those of its range the manifest holds, less those an
     * earlier execution finished; 0 when the manifest has not been counted in this process.
     */
    private static long rowsToWork(StepExecution stepExecution, ManifestPass pass, RowLedger ledger) {
        var counted = pass.rows(RunParameters.of(stepExecution.getJobParameters()).manifest());
        if (counted.isEmpty()) {
            return 0;
        }
        RowRange range = RowRange.of(stepExecution.getExecutionContext());
        RowRange rows = range == null ? RowRange.ALL : range;
        int last = Math.min(rows.last(), counted.getAsInt());
        if (last < rows.first()) {
            return 0;
        }
        long finished = ledger.finishedRows(stepExecution.getJobExecution().getJobInstance().getInstanceId(),
                rows.first(), last);
        return Math.max(0, last - rows.first() + 1 - finished);
    }

    @Bean
    public ResultsReportListener resultsReport(RowLedger ledger, S3ClientFactory s3, JobProperties properties,
                                               JobRepository jobRepository) {
        return new ResultsReportListener(ledger, s3, properties.workDirectory(), jobRepository);
    }
}
