package io.backdrop.jobfile;

import io.backdrop.api.ApiProperties;
import io.backdrop.job.CreditProperties;
import io.backdrop.job.JobProperties;
import io.backdrop.job.RunSettings;
import io.backdrop.model.SettingException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads job files. Keys are kebab-case ({@code rate-limit}, {@code max-attempts}); a key the
 * format does not know is an error rather than ignored, since a misspelt {@code max-images}
 * silently ignored would be a budget silently not kept. Each value is read by its setting
 * ({@link RunSettings}), the same reading and rule as the option and the property.
 *
 * <p>The YAML is composed into nodes, not bound to types: every key and value keeps its line,
 * and a problem is worded from the document itself rather than from a binder's exception text.
 *
 * <p>Relative manifest and output paths resolve against the job file's folder, so a job file
 * means the same from any working directory; URIs ({@code s3://...}, {@code https://...},
 * {@code file:...}) are kept as written. Thread-safe.
 */
public class JobFileReader {

    /** A URI scheme of two or more characters: {@code s3:}, {@code https:}, {@code file:}, but not a drive letter. */
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    static final List<String> TOP_KEYS =
            List.of("name", "manifest", "output", "defaults", "concurrency", "rate-limit", "retry", "skip", "budget",
                    "sources");
    static final List<String> DEFAULTS_KEYS = List.of("prompt", "size", "quality", "background");
    static final List<String> RETRY_KEYS = List.of("max-attempts", "initial-backoff", "max-backoff", "max-retry-time");
    static final List<String> SKIP_KEYS = List.of("max-failures", "max-failure-rate", "failure-window");
    static final List<String> BUDGET_KEYS = List.of("max-images", "confirm-over", "reserve-credits");
    static final List<String> SOURCES_KEYS = List.of("allow-hosts", "allow-private");

    /** A job file is a few lines; the limit keeps a hostile one from costing memory. */
    private static final LoadSettings YAML = LoadSettings.builder().setLabel("job file")
            .setMaxAliasesForCollections(20).setCodePointLimit(1 << 20).build();

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
        Node root = document(file, yaml).orElseThrow(() ->
                new JobFileException(file + ": is empty; a job file needs at least 'manifest' and 'output'"));
        List<String> problems = new ArrayList<>();
        JobFile job = job(root, problems);
        problems.addAll(0, JobFileRules.violations(job));
        if (!problems.isEmpty()) {
            throw new JobFileException(file + ": " + String.join("; ", problems));
        }
        Path folder = file.toAbsolutePath().getParent();
        return new JobFile(job.name() != null ? job.name().trim() : nameOf(file),
                resolve(folder, job.manifest().trim()), resolve(folder, job.output().trim()),
                job.defaults(), job.concurrency(), job.rateLimit(), job.retry(), job.skip(), job.budget(), job.sources());
    }

    /** The one document of the file; empty when it has none (no content, or only comments). */
    private static Optional<Node> document(Path file, String yaml) {
        try {
            Iterator<Node> documents = new Compose(YAML).composeAllFromString(yaml).iterator();
            if (!documents.hasNext()) {
                return Optional.empty();
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                throw new JobFileException(file + ": holds a second YAML document (after ---); a job file is one document"
                        + YamlSection.line(documents.next()));
            }
            return root instanceof ScalarNode && Tag.NULL.equals(root.getTag()) ? Optional.empty() : Optional.of(root);
        } catch (MarkedYamlEngineException syntax) {
            Optional<Mark> mark = syntax.getContextMark().or(syntax::getProblemMark);
            throw new JobFileException(file + ": not valid YAML: " + syntax.getProblem()
                    + (syntax.getContext() == null ? "" : " " + syntax.getContext())
                    + mark.map(YamlSection::line).orElse(""), syntax);
        } catch (YamlEngineException e) {
            throw new JobFileException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private static JobFile job(Node root, List<String> problems) {
        if (!(root instanceof MappingNode mapping)) {
            problems.add("expected a mapping of " + String.join(", ", TOP_KEYS) + ", got " + YamlSection.kind(root)
                    + YamlSection.line(root));
            return new JobFile(null, "-", "-", null, null, null, null, null, null, null);
        }
        YamlSection top = YamlSection.of(mapping, "", TOP_KEYS, problems);
        YamlSection defaults = top.section("defaults", DEFAULTS_KEYS);
        YamlSection retry = top.section("retry", RETRY_KEYS);
        YamlSection skip = top.section("skip", SKIP_KEYS);
        YamlSection budget = top.section("budget", BUDGET_KEYS);
        YamlSection sources = top.section("sources", SOURCES_KEYS);
        JobFile.Retry retries = new JobFile.Retry(retry.value(ApiProperties.MAX_ATTEMPTS),
                retry.value(ApiProperties.INITIAL_BACKOFF), retry.value(ApiProperties.MAX_BACKOFF),
                retry.value(ApiProperties.MAX_RETRY_TIME));
        try {
            ApiProperties.checkBackoffs(retries.initialBackoff(), retries.maxBackoff());
        } catch (SettingException e) {
            problems.add(e.setting().jobFileKey() + ": " + e.problem() + retry.lineOf("initial-backoff"));
        }
        String rateLimit = top.value(ApiProperties.RATE_LIMIT);
        return new JobFile(top.text("name"), top.text("manifest"), top.text("output"),
                new JobFile.Defaults(defaults.text("prompt"), defaults.text("size"), defaults.text("quality"),
                        defaults.text("background")),
                top.value(JobProperties.CONCURRENCY), rateLimit, retries,
                new JobFile.Skip(skip.value(JobProperties.MAX_FAILURES), skip.value(JobProperties.MAX_FAILURE_RATE),
                        skip.value(JobProperties.FAILURE_WINDOW)),
                new JobFile.Budget(budget.value(JobProperties.MAX_IMAGES), budget.value(RunSettings.CONFIRM_OVER),
                        budget.value(CreditProperties.RESERVE)),
                new JobFile.SourceAccess(sources.texts("allow-hosts"), sources.flag("allow-private")));
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
