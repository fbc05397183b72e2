package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.SamplePhotos;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly re-run on local files: a photo rewritten in place (the same inode), its size kept
 * and its modification time set back, is noticed by its status-change time and paid for once.
 */
class LocalNightlyRerunTest {

    private static final String KEY = "local-nightly-test-key";

    @TempDir
    Path work;

    private SandboxServer sandbox;
    private TestDatabase database;
    private CommandLineRun backdrop;

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey(KEY));
        database = TestDatabase.h2(work);
        backdrop = CommandLineRun.on(database).withEnvironment(Map.of("ONEMIN_API_KEY", KEY));
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    @Test
    void localPhotoRewrittenInPlaceWithTheSameSizeAndAForgedTimeIsPaidAgain() throws Exception {
        Path images = SamplePhotos.copyInto(work.resolve("images"), "chelsea.png", "rocket.jpg");
        Path coffee = Files.write(images.resolve("coffee.png"), NightlyRerunTest.variant('A'));
        Files.writeString(work.resolve("manifest.csv"), """
                id,image,prompt,size,quality
                cup,images/coffee.png,a marble counter,1024x1024,low
                cat,images/chelsea.png,a grey studio,1024x1024,low
                rocket,images/rocket.jpg,a night sky,1024x1024,low
                """);
        Path output = work.resolve("out");
        assertThat(localRun(output).exitCode()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(3);
        FileTime modified = Files.getLastModifiedTime(coffee);
        Object inode = Files.getAttribute(coffee, "unix:ino");

        // Rewritten in place (the same inode), the same size, its modification time set back.
        Files.write(coffee, NightlyRerunTest.variant('B'), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        Files.setLastModifiedTime(coffee, modified);
        assertThat(Files.size(coffee)).isEqualTo(NightlyRerunTest.variant('A').length);
        assertThat(Files.getLastModifiedTime(coffee)).isEqualTo(modified);
        assertThat(Files.getAttribute(coffee, "unix:ino")).isEqualTo(inode);
        var again = localRun(output);

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(sandbox.stats().paidCalls()).as("the rewritten photo, and only it, is paid again").isEqualTo(4);
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status"))
                .containsExactly("SUCCEEDED", "REUSED", "REUSED");
    }

    private CommandLineRun.Outcome localRun(Path output) {
        return backdrop.execute("run", "--manifest", work.resolve("manifest.csv").toString(), "--output", output.toString(),
                "--api-base-url", sandbox.baseUrl().toString());
    }

}
