package io.backdrop.jobfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.manifest.ManifestItemReader;
import io.backdrop.model.ManifestRow;
import io.backdrop.model.RowCheck;
import io.backdrop.storage.LocalSourceStore;
import io.backdrop.storage.Sources;
import io.backdrop.validation.RowValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The job files shipped in jobs/ are examples people copy: each must load and describe a job that would run. */
class ShippedJobFilesTest {

    private static final Path JOBS = Path.of("jobs");

    static Stream<Path> shippedJobFiles() throws IOException {
        try (Stream<Path> files = Files.list(JOBS)) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theDocumentedExamplesAreShipped() throws IOException {
        assertThat(shippedJobFiles().map(f -> f.getFileName().toString()))
                .contains("demo.yml", "nightly-catalog-refresh.yml", "seasonal-winter-retheme.yml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedJobFiles")
    void loadsAndItsManifestExists(Path file) {
        JobFile job = new JobFileReader().read(file);

        assertThat(job.name()).isEqualTo(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        assertThat(Path.of(job.manifest())).isAbsolute().isRegularFile();
        // Results land in the project's git-ignored out/ folder, whatever the working directory.
        assertThat(Path.of(job.output()).startsWith(Path.of("out").toAbsolutePath())).as(job.output()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedJobFiles")
    void everyRowOfItsManifestIsValidUnderItsDefaults(Path file) throws Exception {
        JobFile job = new JobFileReader().read(file);
        Path manifest = Path.of(job.manifest());
        RowValidator validator = new RowValidator(job.defaults().rowDefaults(), manifest.toUri(),
                new Sources(List.of(new LocalSourceStore())));
        ManifestItemReader reader = new ManifestItemReader(manifest.toString(), () -> Files.newInputStream(manifest));
        List<String> rejected = new ArrayList<>();
        int rows = 0;

        reader.open(new ExecutionContext());
        try {
            for (ManifestRow row = reader.read(); row != null; row = reader.read()) {
                rows++;
                if (validator.check(row) instanceof RowCheck.Rejected r) {
                    rejected.add(r.message());
                }
            }
        } finally {
            reader.close();
        }

        assertThat(rows).isPositive();
        assertThat(rejected).isEmpty();
    }
}
