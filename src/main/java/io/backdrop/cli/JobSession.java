package io.backdrop.cli;

import io.backdrop.api.ApiKey;
import io.backdrop.job.JobRunner;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What {@code run} and {@code restart} share: the API connection (or sandbox), the application
 * with the key as a bean and never as a property, graceful stop on a signal, and the summary.
 */
final class JobSession {

    @FunctionalInterface
    interface JobAction {
        JobExecution execute(ConfigurableApplicationContext context, JobRunner runner) throws Exception;
    }

    private JobSession() {
    }

    static int execute(ApplicationStarter starter, ApiOptions api, JobOptions job, StorageOptions storage,
                       ReportingOptions reporting, Map<String, Object> baseProperties,
                       List<ApplicationListener<?>> listeners, PrintWriter out,
                       PrintWriter err, JobAction action)
            throws Exception {
        try (StopSignals signals = new StopSignals(err);
             ApiConnection connection = api.connect(starter.environment())) {
            Map<String, Object> properties = new HashMap<>(baseProperties);
            api.addProperties(properties);
            connection.addProperties(properties);
            job.addProperties(properties);
            storage.addProperties(properties);
            reporting.addProperties(properties);
            return starter.run(properties, beans -> beans.registerBean(ApiKey.class, connection::key), listeners, context -> {
                JobRunner runner = context.getBean(JobRunner.class);
                signals.onStop(runner::stopRunningInThisProcess);
                JobExecution execution = action.execute(context, runner);
                return new ExecutionReporter(context, out).reportFinished(execution);
            });
        }
    }
}
