package io.backdrop.cli;

import io.backdrop.progress.ProgressMode;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** What a run shows while it works and how it logs: shared by {@code run} and {@code restart}. */
public class ReportingOptions {

    /** How log lines are written. */
    public enum LogFormat {
        /** Concise human lines: {@code 14:03:07 INFO  rows 120/500 ...}. */
        TEXT,
        /** One JSON object per line in the Elastic Common Schema, for log collectors. */
        JSON
    }

    @Option(names = "--progress", paramLabel = "MODE",
            description = "auto, bar, log or none. auto draws a bar on a terminal and writes a log line every "
                    + "few seconds otherwise (cron, CI, a file) (default: auto).")
    ProgressMode progress;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the run's metrics in the Prometheus text format at http://127.0.0.1:PORT/metrics "
                    + "while it runs (0 picks a free port, logged at start).")
    Integer metricsPort;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "text or json: json writes one ECS JSON object per log line (default: text).")
    LogFormat logFormat;

    /**
     * The Spring properties these options set. The log format is among them because Spring Boot
     * sets up logging from the environment before the application logs its first line.
     */
    public void addProperties(Map<String, Object> properties) {
        if (progress != null) {
            properties.put("backdrop.progress.mode", progress.name().toLowerCase(Locale.ROOT));
        }
        if (metricsPort != null) {
            if (metricsPort < 0 || metricsPort > 65_535) {
                throw new UsageException("--metrics-port must be between 0 and 65535");
            }
            properties.put("backdrop.metrics.port", metricsPort);
        }
        if (logFormat == LogFormat.JSON) {
            properties.put("logging.structured.format.console", "ecs");
        }
    }
}
