package io.backdrop.benchmark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What report.html costs a run, side by side with the same run without it: each from the job's
 * start, as its repository recorded it, to the last file the execution publishes (results.csv
 * without the report, report.html with it), so that the listeners' work after the job's end is
 * counted and the JVM's start-up is not.
 *
 * @param without    the run without the report, to results.csv
 * @param with       the run with it, to report.html
 * @param reportBytes report.html's size
 */
record ReportOverhead(Duration without, Duration with, long reportBytes) {

    /** Measures from the outputs two finished runs left in their folders. */
    static ReportOverhead of(JobOutcome without, Path withoutFolder, JobOutcome with, Path withFolder)
            throws IOException {
        Path results = only(withoutFolder, "results.csv");
        Path report = only(withFolder, "report.html");
        return new ReportOverhead(Duration.between(without.started(), modified(results)),
                Duration.between(with.started(), modified(report)), Files.size(report));
    }

    /** The extra wall time the report took, as a share of the run without it. */
    double share() {
        return (double) (with.toMillis() - without.toMillis()) / Math.max(1, without.toMillis());
    }

    void print(PrintWriter out) {
        out.println(String.format("Report: %.2f s without report.html, %.2f s with it (%+.1f%% wall time; target <= 15%%); "
                        + "report.html %d KB", Throughput.seconds(without), Throughput.seconds(with), 100 * share(),
                reportBytes / 1024));
        out.println("        (two runs one after the other on a shared machine: a few percent either way is noise)");
    }

    private static Path only(Path folder, String name) throws IOException {
        try (var files = Files.find(folder.resolve("output").resolve("runs"), 2,
                (path, attributes) -> path.getFileName().toString().equals(name))) {
            return files.findFirst().orElseThrow(() -> new IllegalStateException("the run left no " + name));
        }
    }

    private static Instant modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant();
    }
}
