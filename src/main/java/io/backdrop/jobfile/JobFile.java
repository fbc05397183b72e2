package io.backdrop.jobfile;

import io.backdrop.model.RowDefaults;
import java.time.Duration;
import java.util.List;

/**
 * A job file ({@code jobs/*.yml}): one catalog workflow — which manifest, where the results go,
 * and how the run behaves — so that a nightly or seasonal job is one file and one command.
 *
 * <p>A value that is null was not set in the file: the command line or the built-in default
 * applies. The nested settings are never null, only their values.
 *
 * @param name        the job's name; the file's name without its extension when not given
 * @param manifest    the manifest: an absolute path (relative ones resolved against the job
 *                    file's folder) or a URI such as {@code s3://bucket/key}, as written
 * @param output      where results go, resolved like the manifest
 * @param concurrency rows worked on at once
 * @param rateLimit   the client-side call rate, {@code N/min}
 * @param sources     which http(s) sources may be read beyond public addresses
 */
public record JobFile(String name, String manifest, String output, Defaults defaults, Integer concurrency,
                      String rateLimit, Retry retry, Skip skip, Budget budget, SourceAccess sources) {

    public JobFile {
        sources = sources == null ? SourceAccess.NONE : sources;
        defaults = defaults == null ? Defaults.NONE : defaults;
        retry = retry == null ? Retry.NONE : retry;
        skip = skip == null ? Skip.NONE : skip;
        budget = budget == null ? Budget.NONE : budget;
    }

    /**
     * What empty prompt, size, quality and background cells take. The prompt may be a
     * {@code {{column}}} template; the size may be {@code source}.
     */
    public record Defaults(String prompt, String size, String quality, String background) {

        static final Defaults NONE = new Defaults(null, null, null, null);

        /** These defaults for the row validator, unset ones empty (background: auto). */
        public RowDefaults rowDefaults() {
            return new RowDefaults(prompt, size, quality, background);
        }
    }

    /**
     * How transient API failures are retried.
     *
     * @param maxAttempts    attempts per call, the first included
     * @param initialBackoff the wait before the first retry
     * @param maxBackoff     the longest wait between two attempts
     * @param maxRetryTime   the most time one call may spend retrying
     */
    public record Retry(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryTime) {

        static final Retry NONE = new Retry(null, null, null, null);
    }

    /**
     * The skip limit: how many failed rows the job goes on past.
     *
     * @param maxFailures    the job fails when more rows than this have failed
     * @param maxFailureRate the job fails when more than this share (0 to 1) of the latest rows failed
     * @param failureWindow  how many of the latest finished rows that share looks at
     */
    public record Skip(Integer maxFailures, Double maxFailureRate, Integer failureWindow) {

        static final Skip NONE = new Skip(null, null, null);
    }

    /**
     * What one execution may spend.
     *
     * @param maxImages   the most paid calls; the job stops, restartable, when it is reached
     * @param confirmOver ask before paying for more rows than this
     * @param reserveCredits stop, restartable, before a paid call when the latest answer left the
     *                    team fewer credits than this
     */
    public record Budget(Long maxImages, Integer confirmOver, Long reserveCredits) {

        static final Budget NONE = new Budget(null, null, null);
    }

    /**
     * Which http(s) sources may be read beyond public addresses, as {@code --allow-source-host}
     * and {@code --allow-private-sources} say.
     *
     * @param allowHosts   hosts read whatever they resolve to
     * @param allowPrivate whether private, link-local and loopback addresses may be read
     */
    public record SourceAccess(List<String> allowHosts, Boolean allowPrivate) {

        static final SourceAccess NONE = new SourceAccess(null, null);
    }
}
