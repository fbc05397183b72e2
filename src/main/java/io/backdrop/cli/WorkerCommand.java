package io.backdrop.cli;

import io.backdrop.api.ApiKey;
import io.backdrop.job.JobProperties;
import io.backdrop.job.PartitionWorker;
import io.backdrop.job.RemoteProperties;
import io.backdrop.job.RemoteReadiness;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Work partitions of remote jobs (run --partitions N --remote) until stopped.",
                "Takes one partition at a time from RabbitMQ (spring.rabbitmq.*; the queue is",
                "backdrop.remote.queue), works its rows with the ledger as run does, then takes",
                "the next. Needs the manager's PostgreSQL database.",
                "SIGTERM or Ctrl-C: takes nothing more, stops the partition in hand once the",
                "rows of its current chunk are recorded (it ends STOPPED; restart re-runs the",
                "rest), then exits."})
public class WorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Mixin
    StorageOptions storage;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Paid calls in flight at once for the partition in hand (default 8, at most 256), as run --concurrency.")
    String concurrency;

    private final ApplicationStarter starter;

    public WorkerCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (StopSignals signals = new StopSignals(spec.commandLine().getErr());
             ApiConnection connection = api.connect(starter.environment())) {
            Map<String, Object> properties = new HashMap<>();
            api.addProperties(properties);
            connection.addProperties(properties);
            storage.addProperties(properties);
            OptionValues.put(properties, JobProperties.CONCURRENCY, concurrency);
            properties.put("backdrop.remote.worker", true);
            return starter.run(properties, beans -> beans.registerBean(ApiKey.class, connection::key), context -> {
                context.getBean(RemoteReadiness.class).check("worker");
                PartitionWorker worker = context.getBean(PartitionWorker.class);
                AmqpInboundChannelAdapter receiver = context.getBean(AmqpInboundChannelAdapter.class);
                signals.onStop(() -> {
                    worker.stop();
                    stopped.countDown();
                });
                receiver.start();
                out.println("Worker " + worker.owner() + " takes partitions from the queue "
                        + context.getBean(RemoteProperties.class).queue() + " (SIGTERM or Ctrl-C to stop)");
                out.flush();
                stopped.await();
                // Returns once the partition in hand has stopped and been acknowledged.
                receiver.stop();
                worker.close();
                out.println("Worker " + worker.owner() + " stopped");
                return ExitCodes.OK;
            });
        }
    }
}
