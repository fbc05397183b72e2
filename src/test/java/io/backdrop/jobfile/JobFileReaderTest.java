package io.backdrop.jobfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobFileReaderTest {

    private final JobFileReader reader = new JobFileReader();

    @TempDir
    Path dir;

    @Test
    void everyKeyIsRead() throws IOException {
        Path file = write("jobs/full.yml", """
                name: Nightly catalog refresh
                manifest: ../manifests/catalog.csv
                output: ../out/nightly
                defaults:
                  prompt: "{{ title }} on a clean studio backdrop"
                  size: source
                  quality: medium
                  background: opaque
                concurrency: 8
                rate-limit: 60/min
                retry:
                  max-attempts: 5
                  initial-backoff: 2s
                  max-backoff: 1m
                  max-retry-time: PT20M
                skip:
                  max-failures: 25
                  max-failure-rate: 0.5
                  failure-window: 40
                budget:
                  max-images: 500
                  confirm-over: 200
                  reserve-credits: 2000000
                """);

        JobFile job = reader.read(file);

        assertThat(job.name()).isEqualTo("Nightly catalog refresh");
        assertThat(job.manifest()).isEqualTo(dir.resolve("manifests/catalog.csv").toString());
        assertThat(job.output()).isEqualTo(dir.resolve("out/nightly").toString());
        assertThat(job.defaults()).isEqualTo(new JobFile.Defaults("{{ title }} on a clean studio backdrop", "source", "medium", "opaque"));
        assertThat(job.concurrency()).isEqualTo(8);
        assertThat(job.rateLimit()).isEqualTo("60/min");
        assertThat(job.retry()).isEqualTo(new JobFile.Retry(5, Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMinutes(20)));
        assertThat(job.skip()).isEqualTo(new JobFile.Skip(25, 0.5, 40));
        assertThat(job.budget()).isEqualTo(new JobFile.Budget(500L, 200, 2_000_000L));
    }

    @Test
    void onlyManifestAndOutputAreRequiredAndTheNameDefaultsToTheFilesName() throws IOException {
        Path file = write("minimal.yml", """
                manifest: catalog.csv
                output: out
                """);

        JobFile job = reader.read(file);

        assertThat(job.name()).isEqualTo("minimal");
        assertThat(job.defaults()).isEqualTo(new JobFile.Defaults(null, null, null, null));
        assertThat(job.defaults().rowDefaults().background()).isEqualTo("auto");
        assertThat(job.concurrency()).isNull();
        assertThat(job.rateLimit()).isNull();
        assertThat(job.retry()).isEqualTo(new JobFile.Retry(null, null, null, null));
        assertThat(job.skip()).isEqualTo(new JobFile.Skip(null, null, null));
        assertThat(job.budget()).isEqualTo(new JobFile.Budget(null, null, null));
    }

    @Test
    void relativePathsResolveAgainstTheJobFilesFolderFromAnyWorkingDirectory() throws IOException {
        Path file = write("a/b/job.yml", """
                manifest: ./sheets/../catalog.csv
                output: ../../results
                """);

        // The job file named relative to the working directory, as a user types it.
        JobFile job = reader.read(Path.of("").toAbsolutePath().relativize(file));

        assertThat(job.manifest()).isEqualTo(dir.resolve("a/b/catalog.csv").toString());
        assertThat(job.output()).isEqualTo(dir.resolve("results").toString());
    }

    @Test
    void absolutePathsAndUrisAreKeptAsWritten() throws IOException {
        Path elsewhere = dir.resolve("elsewhere/catalog.csv");
        Path file = write("uris.yml", "manifest: s3://catalog-bucket/manifests/nightly.csv\n"
                + "output: " + elsewhere.getParent() + "\n");
        Path other = write("more-uris.yml", """
                manifest: https://example.test/catalog.csv?version=3
                output: file:///srv/backdrop/out
                """);

        assertThat(reader.read(file).manifest()).isEqualTo("s3://catalog-bucket/manifests/nightly.csv");
        assertThat(reader.read(file).output()).isEqualTo(elsewhere.getParent().toString());
        assertThat(reader.read(other).manifest()).isEqualTo("https://example.test/catalog.csv?version=3");
        assertThat(reader.read(other).output()).isEqualTo("file:///srv/backdrop/out");
    }

    @Test
    void anUnknownKeyNamesItselfItsLineAndTheKnownKeys() throws IOException {
        Path file = write("typo.yml", """
                manifest: catalog.csv
                output: out
                rate_limit: 60/min
                """);

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(JobFileException.class)
                .hasMessage(file + ": unknown key 'rate_limit' (line 3); the keys at the top are: "
                        + "name, manifest, output, defaults, concurrency, rate-limit, retry, skip, budget, sources");
    }

    @Test
    void anUnknownNestedKeyNamesItsSection() throws IOException {
        Path file = write("nested-typo.yml", """
                manifest: catalog.csv
                output: out
                budget:
                  max-image: 10
                """);

        assertThatThrownBy(() -> reader.read(file))
                .hasMessage(file + ": unknown key 'max-image' in budget (line 4); the keys there are: max-images, confirm-over, reserve-credits");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "concurrency: four                 | concurrency: expected a whole number, got 'four' (line 3)",
            "concurrency: 2.5                  | concurrency: expected a whole number",
            "concurrency: [1, 2]               | concurrency: expected a whole number, got a list (line 3)",
            "retry: {max-attempts: three}      | retry.max-attempts: expected a whole number, got 'three' (line 3)",
            "retry: {initial-backoff: 2}       | retry.initial-backoff: expected a duration with its unit, e.g. 250ms, 30s, 15m, got '2' (line 3)",
            "retry: {max-backoff: soon}        | retry.max-backoff: expected a duration with its unit, e.g. 250ms, 30s, 15m, got 'soon' (line 3)",
            "retry: 3                          | retry: expected a mapping of max-attempts, initial-backoff, max-backoff, max-retry-time",
            "skip: {max-failure-rate: half}    | skip.max-failure-rate: expected a number, got 'half' (line 3)",
            "defaults: {prompt: [a, b]}        | defaults.prompt: expected text, got a list (line 3)",
    })
    void aValueOfTheWrongTypeNamesTheKeyAndWhatWasExpected(String line, String message) throws IOException {
        Path file = write("wrong-type.yml", "manifest: catalog.csv\noutput: out\n" + line + "\n");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(JobFileException.class)
                .hasMessageStartingWith(file + ": " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "concurrency: 0                    | concurrency: must be from 1 to 256 (paid calls in flight, with as many rows again worked on around them) (is 0) (line 3)",
            "concurrency: 100000               | concurrency: must be from 1 to 256 (paid calls in flight, with as many rows again worked on around them) (is 100000) (line 3)",
            "sources: {allow-hosts: ['http://images.internal']} | sources.allow-hosts: 'http://images.internal' must be a host name or address, without scheme, port or path",
            "rate-limit: 60 per minute         | rate-limit: expected calls per s, min or h, e.g. 120/min or 2/s, got '60 per minute' (line 3)",
            "rate-limit: 0/min                 | rate-limit: expected calls per s, min or h, e.g. 120/min or 2/s, got '0/min' (line 3)",
            "retry: {max-attempts: 0}          | retry.max-attempts: must be at least 1 (is 0)",
            "retry: {max-retry-time: -5s}      | retry.max-retry-time: must be longer than zero (is -5s) (line 3)",
            "retry: {initial-backoff: 2m, max-backoff: 30s} | retry.initial-backoff: must not be longer than max-backoff (2m > 30s) (line 3)",
            "skip: {max-failure-rate: 1.5}     | skip.max-failure-rate: must be a share above 0 and at most 1, e.g. 0.5 (is 1.5) (line 3)",
            "skip: {max-failure-rate: 0}       | skip.max-failure-rate: must be a share above 0 and at most 1, e.g. 0.5 (is 0.0) (line 3)",
            "skip: {failure-window: 0}         | skip.failure-window: must be at least 1 (is 0)",
            "skip: {max-failures: -1}          | skip.max-failures: must be at least 0 (is -1)",
            "budget: {max-images: -1}          | budget.max-images: must be at least 0 (is -1)",
            "budget: {reserve-credits: -1}     | budget.reserve-credits: must be at least 0 (is -1)",
            "defaults: {size: 1000x1000}       | defaults.size: '1000x1000': width and height must both be divisible by 16",
            "defaults: {size: big}             | defaults.size: 'big' must be WxH (e.g. 1024x1024) or source",
            "defaults: {quality: best}         | defaults.quality: 'best' must be one of low, medium, high",
            "defaults: {background: none}      | defaults.background: 'none' must be one of auto, opaque",
            "name: '  '                        | name: must not be blank",
    })
    void aValueThatBreaksARuleNamesTheKey(String line, String message) throws IOException {
        Path file = write("bad-value.yml", "manifest: catalog.csv\noutput: out\n" + line + "\n");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(JobFileException.class)
                .hasMessageStartingWith(file + ": " + message);
    }

    @Test
    void theSourcePolicyIsRead() throws IOException {
        Path file = write("sources.yml", """
                manifest: catalog.csv
                output: out
                sources: {allow-hosts: [images.internal, 10.0.0.5], allow-private: true}
                """);

        JobFile job = reader.read(file);

        assertThat(job.sources().allowHosts()).containsExactly("images.internal", "10.0.0.5");
        assertThat(job.sources().allowPrivate()).isTrue();
        assertThat(reader.read(write("plain.yml", "manifest: catalog.csv\noutput: out\n")).sources().allowHosts()).isNull();
    }

    @Test
    void sizeSourceAndCaseInsensitiveChoicesAreValidDefaults() throws IOException {
        Path file = write("choices.yml", """
                manifest: catalog.csv
                output: out
                defaults: {size: Source, quality: HIGH, background: Opaque}
                """);

        assertThat(reader.read(file).defaults().size()).isEqualTo("Source");
    }

    @Test
    void missingManifestAndOutputAreBothNamed() throws IOException {
        Path file = write("missing.yml", "name: nothing to do\n");

        assertThatThrownBy(() -> reader.read(file))
                .hasMessage(file + ": missing key 'manifest'; missing key 'output'");
    }

    @Test
    void everyBrokenRuleIsReportedInOneLine() throws IOException {
        Path file = write("many.yml", """
                manifest: catalog.csv
                concurrency: 0
                budget: {max-images: -2}
                """);

        assertThatThrownBy(() -> reader.read(file)).hasMessage(file + ": missing key 'output'; "
                + "concurrency: must be from 1 to 256 (paid calls in flight, with as many rows again worked on around them) (is 0) (line 2); budget.max-images: must be at least 0 (is -2) (line 3)");
    }

    @Test
    void anEmptyFileAMissingFileAndNonYamlAreClearErrors() throws IOException {
        Path empty = write("empty.yml", "");
        Path comments = write("comments.yml", "# nothing yet\n");
        Path list = write("list.yml", "- manifest: a.csv\n");
        Path unclosed = write("unclosed.yml", "manifest: a.csv\noutput: \"out\n");
        Path tabs = write("tabs.yml", "manifest: a.csv\n\toutput: out\n");
        Path duplicate = write("duplicate.yml", "manifest: a.csv\noutput: out\nmanifest: b.csv\n");
        Path nestedDuplicate = write("nested-duplicate.yml", "manifest: a.csv\noutput: out\nretry:\n  max-attempts: 2\n  max-attempts: 3\n");
        Path twoDocuments = write("two.yml", "manifest: a.csv\noutput: out\n---\nmanifest: b.csv\n");
        Path missing = dir.resolve("nope.yml");

        assertThatThrownBy(() -> reader.read(empty)).hasMessage(empty + ": is empty; a job file needs at least 'manifest' and 'output'");
        assertThatThrownBy(() -> reader.read(comments)).hasMessage(comments + ": is empty; a job file needs at least 'manifest' and 'output'");
        assertThatThrownBy(() -> reader.read(list)).hasMessageStartingWith(list + ": expected a mapping of name, manifest, output")
                .hasMessageContaining("got a list (line 1)");
        assertThatThrownBy(() -> reader.read(unclosed))
                .hasMessage(unclosed + ": not valid YAML: found unexpected end of stream while scanning a quoted scalar (line 2)");
        assertThatThrownBy(() -> reader.read(tabs)).hasMessageStartingWith(tabs + ": not valid YAML: found character '\\t(TAB)'")
                .hasMessageEndingWith("(line 2)");
        assertThatThrownBy(() -> reader.read(duplicate)).hasMessage(duplicate + ": the key 'manifest' is given twice (line 3)");
        assertThatThrownBy(() -> reader.read(nestedDuplicate))
                .hasMessage(nestedDuplicate + ": the key 'max-attempts' is given twice in retry (line 5)");
        assertThatThrownBy(() -> reader.read(twoDocuments))
                .hasMessage(twoDocuments + ": holds a second YAML document (after ---); a job file is one document (line 4)");
        assertThatThrownBy(() -> reader.read(missing)).hasMessage(missing + ": no such job file");
    }

    @Test
    void aByteOrderMarkIsIgnoredAndBytesThatAreNotUtf8AreNamed() throws IOException {
        Path bom = write("bom.yml", "\uFEFFmanifest: catalog.csv\noutput: out\n");
        Path latin1 = Files.write(dir.resolve("latin1.yml"), "manifest: caf\u00e9.csv\noutput: out\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(reader.read(bom).manifest()).isEqualTo(dir.resolve("catalog.csv").toString());
        assertThatThrownBy(() -> reader.read(latin1)).hasMessage(latin1 + ": is not UTF-8 text");
    }

    @Test
    void errorMessagesAreOneLineWithoutJacksonsJavaTypes() throws IOException {
        Path file = write("types.yml", "manifest: catalog.csv\noutput: out\nbudget:\n  max-images: lots\n");

        assertThatThrownBy(() -> reader.read(file)).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain("\n").doesNotContain("java.lang").doesNotContain("`")
                .isEqualTo(file + ": budget.max-images: expected a whole number, got 'lots' (line 4)"));
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }
}
