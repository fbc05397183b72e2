package io.backdrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application as the build leaves it, started as the README starts it: the folder
 * {@code package} extracts ({@code target/backdrop/}, whose jar lists its libraries) runs the
 * quick start's demo, and the one-file jar answers too. Run by failsafe, after {@code package}.
 */
class ExtractedApplicationIT {

    private static final Path EXTRACTED = Path.of("target", "backdrop", "backdrop.jar");
    private static final Path ONE_FILE = Path.of("target", "backdrop.jar");

    @TempDir
    Path work;

    @Test
    void theExtractedApplicationRunsTheQuickStartDemo() throws Exception {
        assertThat(EXTRACTED.resolveSibling("lib")).isDirectory();
        Path out = work.resolve("out");

        Result demo = java(EXTRACTED, "run", "jobs/demo.yml", "--sandbox", "--output", out.toString(),
                "--backdrop.home=" + work.resolve("home"), "--progress", "none");

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("COMPLETED", "4 succeeded");
        try (Stream<Path> images = Files.list(out)) {
            assertThat(images.filter(Files::isRegularFile)).hasSize(4);
        }
    }

    /** The folder is what a user copies to install Backdrop: every jar in it is one the application loads. */
    @Test
    void theExtractedLibrariesAreExactlyTheOnesTheJarLists() throws Exception {
        String classPath;
        try (JarFile jar = new JarFile(EXTRACTED.toFile())) {
            classPath = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        }
        List<String> listed = Stream.of(classPath.trim().split("\\s+")).sorted().toList();
        try (Stream<Path> libraries = Files.list(EXTRACTED.resolveSibling("lib"))) {
            List<String> present = libraries.map(library -> "lib/" + library.getFileName()).sorted().toList();

            assertThat(listed).isNotEmpty().allMatch(entry -> entry.startsWith("lib/") && entry.endsWith(".jar"));
            assertThat(present).isEqualTo(listed);
        }
    }

    @Test
    void theOneFileJarRunsTheSameConsole() throws Exception {
        Result version = java(ONE_FILE, "--version");

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("backdrop ");
        assertThat(java(EXTRACTED, "--version").output()).isEqualTo(version.output());
    }

    private record Result(int exitCode, String output) {
    }

    private Result java(Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work, "backdrop-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("backdrop " + String.join(" ", args) + " did not end:\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }
}
