package io.backdrop.api;

import java.net.URI;
import java.time.Duration;
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

    @ConstructorBinding
    public ApiProperties {
        if (baseUrl != null) {
            checkBaseUrl(baseUrl.toString(), "--api-base-url (backdrop.api.base-url)");
        }
        requirePositive("--connect-timeout (backdrop.api.connect-timeout)", connectTimeout);
        requirePositive("--read-timeout (backdrop.api.read-timeout)", readTimeout);
        requirePositive("--transfer-timeout (backdrop.api.transfer-timeout)", transferTimeout);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("--max-attempts (backdrop.api.max-attempts) must be at least 1, is " + maxAttempts);
        }
        if (rateLimit != null && rateLimit.isBlank()) {
            rateLimit = null;
        }
        if (rateLimit != null) {
            RateLimit.parse(rateLimit);
        }
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

    /** A zero or negative time limit would fail every call, after paying for none: a usage error instead. */
    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException(name + " must be more than zero, is " + value.toMillis() + "ms");
        }
    }
}
