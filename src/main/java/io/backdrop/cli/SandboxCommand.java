package io.backdrop.cli;

import io.backdrop.api.ApiKey;
import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.sandbox.TeamAccount;
import io.backdrop.validation.RowValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run the bundled emulator of the 1min.ai API until Ctrl-C.",
                "It checks requests as the API contract says and answers with real images marked SANDBOX."})
public class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8585", paramLabel = "PORT", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 for any).")
    int port;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "Accept only the key in this file (default: $" + ApiKey.ENVIRONMENT_VARIABLE
                    + " if set, else any non-blank key).")
    Path keyFile;

    @Option(names = "--latency", defaultValue = "0ms", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Time each feature call takes (default: ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = "--jitter", defaultValue = "0ms", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Uniform +- variation of the latency (default: ${DEFAULT-VALUE}).")
    Duration jitter;

    @Option(names = "--rate-429", defaultValue = "0", paramLabel = "RATE", description = "Share of calls answered 429.")
    double rate429;

    @Option(names = "--rate-5xx", defaultValue = "0", paramLabel = "RATE", description = "Share of calls answered 500-504.")
    double rate5xx;

    @Option(names = "--rate-drop", defaultValue = "0", paramLabel = "RATE",
            description = "Share of calls whose connection is dropped unanswered.")
    double rateDrop;

    @Option(names = "--rate-malformed", defaultValue = "0", paramLabel = "RATE",
            description = "Share of feature calls answered with malformed JSON.")
    double rateMalformed;

    @Option(names = "--rate-failed", defaultValue = "0", paramLabel = "RATE",
            description = "Share of feature calls whose record has status FAILED.")
    double rateFailed;

    @Option(names = "--credits", defaultValue = "-1", paramLabel = "N",
            description = "Paid calls allowed before answering 402 (default: unlimited).")
    long credits;

    @Option(names = "--credit-limit", defaultValue = "100000000", paramLabel = "N",
            description = "The team's credit limit that each answer reports (default: ${DEFAULT-VALUE}); then 402.")
    long creditLimit;

    @Option(names = "--used-credit", defaultValue = "0", paramLabel = "N",
            description = "The team's used credits when the sandbox starts (default: ${DEFAULT-VALUE}).")
    long usedCredit;

    @Option(names = "--credit-cost", paramLabel = "QUALITY=N",
            description = "Credits a paid call of this quality costs (default: low=1000, medium=4000, high=16000).")
    Map<String, Long> creditCosts;

    @Option(names = "--no-team-user", description = "Leave teamUser (the team's credits) out of every answer.")
    boolean noTeamUser;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the injected faults.")
    long seed;

    private final ApplicationStarter starter;

    public SandboxCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    private TeamAccount account() {
        Map<String, Long> costs = new HashMap<>(TeamAccount.DEFAULT.costs());
        if (creditCosts != null) {
            creditCosts.keySet().stream().filter(quality -> !RowValidator.QUALITIES.contains(quality)).findFirst()
                    .ifPresent(unknown -> {
                        throw new UsageException("--credit-cost: '" + unknown + "' is not a quality; use "
                                + String.join(", ", RowValidator.QUALITIES));
                    });
            costs.putAll(creditCosts);
        }
        try {
            return new TeamAccount(creditLimit, usedCredit, costs, !noTeamUser);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--credit-limit, --used-credit, --credit-cost: " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        String acceptedKey = ApiKey.fromFileOrEnvironment(keyFile, starter.environment().get(ApiKey.ENVIRONMENT_VARIABLE))
                .map(ApiKey::reveal).orElse(null);
        SandboxSettings settings = SandboxSettings.defaults()
                .withPort(port)
                .withApiKey(acceptedKey)
                .withLatency(latency, jitter)
                .withRate429(rate429)
                .withRate5xx(rate5xx)
                .withRateDrop(rateDrop)
                .withRateMalformed(rateMalformed)
                .withRateFailed(rateFailed)
                .withCreditBudget(credits)
                .withAccount(account())
                .withSeed(seed);
        PrintWriter out = spec.commandLine().getOut();
        try (SandboxServer server = SandboxServer.start(settings)) {
            out.println("Sandbox API listening on " + server.baseUrl()
                    + (acceptedKey == null ? " (accepts any API key)" : " (accepts the configured API key)"));
            out.println("Use it with: backdrop run --api-base-url " + server.baseUrl() + " ...   Stop with Ctrl-C.");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "backdrop-sandbox-shutdown"));
            server.awaitClose();
        }
        return ExitCodes.OK;
    }
}
