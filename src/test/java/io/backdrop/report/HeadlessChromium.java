package io.backdrop.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium, run headless on one page at a time: its DOM after the page's script ran,
 * or a screenshot. Where there is no chromium the tests using it are skipped, saying why;
 * under CI=true they fail instead, since CI is meant to install it.
 */
final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;
    private final Path workDirectory;

    private HeadlessChromium(Path binary, Path workDirectory) {
        this.binary = binary;
        this.workDirectory = workDirectory;
    }

    /** The browser on this machine, or the test is skipped (failed under CI=true). */
    static HeadlessChromium require(Path workDirectory) {
        Optional<Path> binary = locate();
        if (binary.isEmpty()) {
            String reason = "no chromium binary on the PATH (nor in BACKDROP_CHROMIUM); install Debian's package "
                    + "with `apt-get install -y chromium`";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason + " (CI=true: the report's browser test must run)");
            }
            Assumptions.abort(reason + " (skipped; with CI=true this fails)");
        }
        return new HeadlessChromium(binary.get(), workDirectory);
    }

    /** The page's DOM as serialized once its script has run and the page settled. */
    String dumpDom(String url) throws IOException, InterruptedException {
        Path dom = workDirectory.resolve("dom-" + System.nanoTime() + ".html");
        run(dom, List.of("--dump-dom", url));
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(workDirectory.resolve("screenshot-" + System.nanoTime() + ".log"),
                List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
                        "--screenshot=" + png.toAbsolutePath(), url));
    }

    private void run(Path stdout, List<String> arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDirectory, "profile-");
        Path stderr = workDirectory.resolve(stdout.getFileName() + ".err");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--virtual-time-budget=3000"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + "s: " + tail(stderr));
        }
        if (process.exitValue() != 0) {
            fail("chromium exited with " + process.exitValue() + ": " + tail(stderr));
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static Optional<Path> locate() {
        String configured = System.getenv("BACKDROP_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
