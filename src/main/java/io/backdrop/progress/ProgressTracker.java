package io.backdrop.progress;

import io.backdrop.job.RowObserver;
import io.backdrop.job.RunParameters;
import io.backdrop.job.ManifestPass;
import io.backdrop.model.RowStatus;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Live progress of a run: counts the manifest's rows as the execution starts, tallies rows as
 * the workers finish them, and shows the tally as a bar or as log lines at a steady pace from
 * a thread of its own, so the workers never wait for a display.
 */
@Component
@EnableConfigurationProperties(ProgressProperties.class)
public class ProgressTracker implements RowObserver, JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressTracker.class);

    private final ProgressProperties properties;
    private final ManifestPass pass;
    private final Environment environment;
    private volatile Watch current;

    public ProgressTracker(ProgressProperties properties, ManifestPass pass, Environment environment) {
        this.properties = properties;
        this.pass = pass;
        this.environment = environment;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        ProgressMode mode = properties.progressMode().resolve(ProgressMode.onTerminal(), environment.getProperty("CI"));
        if (mode == ProgressMode.NONE) {
            return;
        }
        long total = rowsIn(RunParameters.of(execution.getJobParameters()));
        ProgressTally tally = new ProgressTally(total, Clock.systemUTC());
        ProgressDisplay display = mode == ProgressMode.BAR ? new TerminalProgressBar(total)
                : new ProgressLog(properties.interval());
        current = new Watch(tally, display);
    }

    @Override
    public void rowStarted(int row) {
        Watch watch = current;
        if (watch != null) {
            watch.tally.started(row);
        }
    }

    @Override
    public void callStarted(int row) {
        Watch watch = current;
        if (watch != null) {
            watch.tally.callStarted(row);
        }
    }

    @Override
    public void callEnded(int row) {
        Watch watch = current;
        if (watch != null) {
            watch.tally.callEnded(row);
        }
    }

    @Override
    public void rowFinished(int row, RowStatus status, boolean carriedOver) {
        Watch watch = current;
        if (watch != null) {
            watch.tally.finished(row, status, carriedOver);
        }
    }

    @Override
    public void rowAbandoned(int row) {
        Watch watch = current;
        if (watch != null) {
            watch.tally.abandoned(row);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        Watch watch = current;
        current = null;
        if (watch != null) {
            watch.close();
        }
    }

    /** The manifest's rows, from the run's pass over it (made now for a restart); -1 when it cannot be counted (the run will say why). */
    private long rowsIn(RunParameters run) {
        try {
            return pass.check(run.manifest());
        } catch (Exception e) {
            log.debug("cannot count the manifest's rows: {}", e.getMessage());
            return -1;
        }
    }

    /** One execution's tally and display, with the thread that keeps the display current. */
    private static final class Watch {

        private final ProgressTally tally;
        private final ProgressDisplay display;
        private final ScheduledExecutorService ticker;

        Watch(ProgressTally tally, ProgressDisplay display) {
            this.tally = tally;
            this.display = display;
            CustomizableThreadFactory threads = new CustomizableThreadFactory("backdrop-progress-");
            threads.setDaemon(true);
            this.ticker = Executors.newSingleThreadScheduledExecutor(threads);
            long period = display.interval().toMillis();
            ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        }

        private void tick() {
            try {
                display.show(tally.snapshot());
            } catch (RuntimeException e) {
                // A display that fails must not end the ticks, let alone the run.
                log.debug("progress display failed: {}", e.getMessage());
            }
        }

        void close() {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                display.finish(tally.snapshot());
            } finally {
                display.close();
            }
        }
    }
}
