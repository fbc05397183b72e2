package io.backdrop.jobfile;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads job files. Keys are kebab-case ({@code rate-limit}, {@code max-attempts}); a key the
 * format does not know is an error rather than ignored, since a misspelt {@code max-images}
 * silently ignored would be a budget silently not kept.
 *
 * <p>Relative manifest and output paths resolve against the job file's folder, so a job file
 * means the same from any working directory; URIs ({@code s3://...}, {@code https://...},
 * {@code file:...}) are kept as written. Thread-safe.
 */
public class JobFileReader {

    /** A URI scheme of two or more characters: {@code s3:}, {@code https:}, {@code file:}, but not a drive letter. */
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    private final ObjectReader reader;

    public JobFileReader() {
        YAMLMapper mapper = YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // 2.5 workers is a mistake to report, not a number to round.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule("backdrop-job-file").addDeserializer(Duration.class, new DurationDeserializer()))
                .build();
        this.reader = mapper.readerFor(JobFile.class);
    }

    /**
     * The job file at a path, checked and with its paths resolved.
     *
     * @throws JobFileException when the file cannot be read, is not YAML, or breaks a rule; the
     *                          message names the file and the key
     */
    public JobFile read(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new JobFileException(file + ": no such job file");
        } catch (CharacterCodingException e) {
            throw new JobFileException(file + ": is not UTF-8 text", e);
        } catch (IOException e) {
            throw new JobFileException(file + ": cannot be read: " + e.getMessage(), e);
        }
        // Editors on Windows may save a byte order mark, which the YAML parser would take for content.
        if (yaml.startsWith("\uFEFF")) {
            yaml = yaml.substring(1);
        }
        JobFile job;
        try {
            job = reader.readValue(yaml);
        } catch (JacksonException e) {
            if (BindingProblem.isEmptyDocument(e)) {
                job = null;
            } else {
                throw new JobFileException(file + ": " + BindingProblem.describe(e, yaml), e);
            }
        }
        if (job == null) {
            throw new JobFileException(file + ": is empty; a job file needs at least 'manifest' and 'output'");
        }
        List<String> problems = JobFileRules.violations(job);
        if (!problems.isEmpty()) {
            throw new JobFileException(file + ": " + String.join("; ", problems));
        }
        Path folder = file.toAbsolutePath().getParent();
        return new JobFile(job.name() != null ? job.name().trim() : nameOf(file),
                resolve(folder, job.manifest().trim()), resolve(folder, job.output().trim()),
                job.defaults(), job.concurrency(), job.rateLimit() == null ? null : job.rateLimit().trim(),
                job.retry(), job.skip(), job.budget(), job.sources());
    }

    private static String resolve(Path folder, String location) {
        if (URI_SCHEME.matcher(location).matches()) {
            return location;
        }
        return folder.resolve(location).normalize().toString();
    }

    private static String nameOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
