package io.backdrop.api;

import io.backdrop.model.Setting;
import io.backdrop.model.SettingException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Backdrop talks to 1min.ai. The feature call is synchronous and can take minutes at high
 * quality, hence the generous read timeout.
 *
 * @param baseUrl        the API's address; {@code ONEMIN_API_BASE_URL} or {@code --api-base-url} override it
 * @param connectTimeout time to open a connection
 * @param readTimeout    time a feature call may take, answer included: a high-quality generation takes minutes
 * @param transferTimeout time an upload or a download may take, body and answer included; a transfer
 *                       that stalls is cut off and tried again instead of holding its worker for the read timeout
 * @param maxAttempts    attempts per call, the first included, for transient failures
 * @param initialBackoff the wait before the first retry; it doubles each time, with jitter
 * @param maxBackoff     the longest single wait between attempts
 * @param maxRetryTime   the most time one call may spend retrying, waits included
 * @param maxDownloadBytes the largest result image accepted
 * @param rateLimit      the most feature calls started per period, across all workers, e.g. {@code 120/min}
 *                       or {@code 2/s} (see {@link RateLimit#parse}); null for no client-side limit
 */
@ConfigurationProperties("backdrop.api")
public record ApiProperties(
        @DefaultValue("https://api.1min.ai") URI baseUrl,
        @DefaultValue("30s") Duration connectTimeout,
        @DefaultValue("15m") Duration readTimeout,
        @DefaultValue("5m") Duration transferTimeout,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("2m") Duration maxBackoff,
        @DefaultValue("30m") Duration maxRetryTime,
        @DefaultValue("104857600") long maxDownloadBytes,
        String rateLimit) {

    public static final Setting<Duration> CONNECT_TIMEOUT =
            Setting.positiveDuration("backdrop.api.connect-timeout", "--connect-timeout", null);
    public static final Setting<Duration> READ_TIMEOUT =
            Setting.positiveDuration("backdrop.api.read-timeout", "--read-timeout", null);
    public static final Setting<Duration> TRANSFER_TIMEOUT =
            Setting.positiveDuration("backdrop.api.transfer-timeout", "--transfer-timeout", null);
    public static final Setting<Integer> MAX_ATTEMPTS =
            Setting.wholeNumber("backdrop.api.max-attempts", "--max-attempts", "retry.max-attempts", 1);
    public static final Setting<Duration> INITIAL_BACKOFF =
            Setting.positiveDuration("backdrop.api.initial-backoff", null, "retry.initial-backoff");
    public static final Setting<Duration> MAX_BACKOFF =
            Setting.positiveDuration("backdrop.api.max-backoff", null, "retry.max-backoff");
    public static final Setting<Duration> MAX_RETRY_TIME =
            Setting.positiveDuration("backdrop.api.max-retry-time", "--max-retry-time", "retry.max-retry-time");
    public static final Setting<Long> MAX_DOWNLOAD_BYTES =
            Setting.count("backdrop.api.max-download-bytes", null, null, 1);
    /** Kept as text in its normalized form ({@code 2/s}, {@code 120/min}). */
    public static final Setting<String> RATE_LIMIT = new Setting<>("backdrop.api.rate-limit", "--rate-limit", "rate-limit",
            "calls per s, min or h, e.g. 120/min or 2/s", text -> RateLimit.parse(text).toString(), value -> Optional.empty());

    /** The settings these properties take, each with the rule it keeps. */
    public static final List<Setting<?>> SETTINGS = List.of(CONNECT_TIMEOUT, READ_TIMEOUT, TRANSFER_TIMEOUT,
            MAX_ATTEMPTS, INITIAL_BACKOFF, MAX_BACKOFF, MAX_RETRY_TIME, MAX_DOWNLOAD_BYTES, RATE_LIMIT);

    @ConstructorBinding
    public ApiProperties {
        if (baseUrl != null) {
            checkBaseUrl(baseUrl.toString(), "--api-base-url (backdrop.api.base-url)");
        }
        CONNECT_TIMEOUT.check(connectTimeout);
        READ_TIMEOUT.check(readTimeout);
        TRANSFER_TIMEOUT.check(transferTimeout);
        MAX_ATTEMPTS.check(maxAttempts);
        INITIAL_BACKOFF.check(initialBackoff);
        MAX_BACKOFF.check(maxBackoff);
        MAX_RETRY_TIME.check(maxRetryTime);
        MAX_DOWNLOAD_BYTES.check(maxDownloadBytes);
        checkBackoffs(initialBackoff, maxBackoff);
        rateLimit = rateLimit == null || rateLimit.isBlank() ? null : RATE_LIMIT.read(rateLimit);
    }

    /**
     * The API's address as given: an absolute http or https URL with a host. Anything else would
     * fail every call, after minutes of retries; it is a usage error instead.
     *
     * @param name where the value came from, for the message
     * @throws IllegalArgumentException naming it and the rule
     */
    public static URI checkBaseUrl(String text, String name) {
        URI url;
        try {
            url = text == null || text.isBlank() ? null : new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            url = null;
        }
        String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (url == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            String shown = text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
            throw new IllegalArgumentException(name + " must be an http:// or https:// URL with a host, e.g. https://api.1min.ai (is '"
                    + shown + "')");
        }
        return url;
    }

    /**
     * The one rule between two settings: the first wait may not exceed the longest.
     *
     * @throws SettingException naming the initial backoff
     */
    public static void checkBackoffs(Duration initialBackoff, Duration maxBackoff) {
        if (initialBackoff != null && maxBackoff != null && initialBackoff.compareTo(maxBackoff) > 0) {
            throw new SettingException(INITIAL_BACKOFF, "must not be longer than max-backoff ("
                    + Setting.print(initialBackoff) + " > " + Setting.print(maxBackoff) + ")");
        }
    }
}
