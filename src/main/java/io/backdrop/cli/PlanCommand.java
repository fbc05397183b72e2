package io.backdrop.cli;

import io.backdrop.job.CreditEstimate;
import io.backdrop.job.CreditLedger;
import io.backdrop.job.RunPlan;
import io.backdrop.job.JobProperties;
import io.backdrop.job.RunPlanner;
import io.backdrop.storage.Sources;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Count what a run would do, without calling the API.",
                "Valid rows, rejected rows by rule, reusable rows, rows to pay for by quality.",
                "Exit code 0 when every row is valid, 3 otherwise."})
public class PlanCommand implements Callable<Integer> {

    /** The last line's label: how long the plan itself took, as the S3 benchmark reads it. */
    public static final String TIME_LABEL = "Time:       ";

    @Spec
    CommandSpec spec;

    @Mixin
    JobDefinitionOptions definition;

    @Mixin
    StorageOptions storage;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Images probed at once, as a run's workers do (default 8, at most 256).")
    String concurrency;

    @Option(names = "--force", description = "Count every valid row as paid for, as run --force would.")
    boolean force;

    @Option(names = "--rehash-sources",
            description = "Read and hash every source in full, as run --rehash-sources would.")
    boolean rehashSources;

    private final ApplicationStarter starter;

    public PlanCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        JobDefinitionOptions.Definition job = definition.resolve(false);
        Map<String, Object> properties = new HashMap<>(job.properties());
        storage.addProperties(properties);
        properties.put("backdrop.sources.rehash", rehashSources);
        OptionValues.put(properties, JobProperties.CONCURRENCY, concurrency);
        return starter.run(properties, beans -> { }, context -> {
            RunPlanner planner = context.getBean(RunPlanner.class);
            long began = System.nanoTime();
            RunPlan plan = ManifestReading.pass(job.run().manifest(), () -> planner.plan(job.run(), force));
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            PrintWriter out = spec.commandLine().getOut();
            print(plan, Sources.display(job.run().manifest()), out);
            printCredits(context.getBean(CreditLedger.class).estimate(plan.toPayBySetting()), out);
            out.printf(Locale.ROOT, "%s%.2f s (reading the manifest and judging its rows; start-up not counted)%n", TIME_LABEL,
                    took.toNanos() / 1e9);
            return plan.rejected() == 0 ? ExitCodes.OK : ExitCodes.ROWS_NOT_SUCCEEDED;
        });
    }

    private static void printCredits(CreditEstimate estimate, PrintWriter out) {
        out.println("Credits:    " + estimate.headline());
        if (estimate.history() > 0) {
            estimate.lines().forEach(out::println);
        }
    }

    private static void print(RunPlan plan, String manifest, PrintWriter out) {
        out.println("Plan for " + manifest);
        out.printf("Rows:       %d total, %d valid, %d rejected%n", plan.rows(), plan.valid(), plan.rejected());
        for (Map.Entry<String, Integer> rule : plan.rejectedByRule().entrySet()) {
            out.printf("  rejected  %5d  %s%n", rule.getValue(), rule.getKey());
        }
        out.printf("Reusable:   %d (an earlier result exists; no call)%n", plan.reusable());
        out.printf("To pay for: %d%n", plan.toPay());
        for (Map.Entry<String, Integer> quality : plan.toPayByQuality().entrySet()) {
            out.printf("  %-8s  %5d%n", quality.getKey(), quality.getValue());
        }
    }
}
