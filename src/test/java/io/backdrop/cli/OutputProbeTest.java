package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.support.CommandLineRun;
import io.backdrop.support.SamplePhotos;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output that cannot be written is found at start, before anything is paid for. */
class OutputProbeTest {

    @TempDir
    Path work;

    CommandLineRun backdrop;
    Path manifest;

    @BeforeEach
    void setUp() throws IOException {
        backdrop = CommandLineRun.on(TestDatabase.h2(work));
        SamplePhotos.copyInto(work.resolve("images"), "coffee.png");
        manifest = Files.writeString(work.resolve("manifest.csv"), """
                id,image,prompt,size,quality
                espresso,images/coffee.png,a marble counter,1536x1024,low
                """);
    }

    @Test
    void anOutputThatIsAFileIsAUsageErrorNamingItAndWhy() throws IOException {
        Path file = Files.writeString(work.resolve("taken"), "not a folder");

        var outcome = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output", file.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("cannot write to the output " + file + ": ").contains("is not a folder")
                .doesNotContain("\tat ");
        assertThat(backdrop.execute("list").out()).as("no execution was started").doesNotContain("COMPLETED")
                .doesNotContain("FAILED");
    }

    @Test
    void anOutputUnderAFileIsAUsageErrorToo() throws IOException {
        Path file = Files.writeString(work.resolve("taken"), "not a folder");
        Path below = file.resolve("out");

        var outcome = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output", below.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("cannot write to the output " + below + ": ").doesNotContain("\tat ");
    }

    @Test
    void aWritableOutputIsLeftWithoutTheProbe() throws IOException {
        Path output = work.resolve("out");

        var outcome = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output", output.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        try (var names = Files.list(output)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("probe"));
        }
    }
}
