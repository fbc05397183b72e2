package io.backdrop.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.backdrop.api.ApiException.Kind;
import io.backdrop.api.CallObserver.Call;
import io.backdrop.api.CallRetry.Measured;
import io.backdrop.model.CallConcurrency;
import io.backdrop.platform.AddressPolicy;
import io.backdrop.platform.AddressRefusedException;
import io.backdrop.platform.GuardedHttpClient;
import io.backdrop.platform.GuardedHttpClient.RemoteResponse;
import io.backdrop.platform.HttpLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three calls a row makes to 1min.ai: upload the source image, replace its background, and
 * download the result. Each call is retried on transient failures and classified otherwise (see
 * {@link ApiException.Kind}); the result says how many attempts it took. One pooled HTTP client
 * serves every call, so the client is meant to be shared by all rows, from any number of threads.
 */
public class OneMinClient implements AutoCloseable {

    static final String KEY_HEADER = "API-KEY";
    /** JSON answers are small; anything bigger is not an answer this client understands. */
    private static final int LONGEST_JSON_ANSWER = 8 * 1024 * 1024;
    /** The longest wait for a download's first byte, and between two of its bytes. */
    private static final Duration DOWNLOAD_PAUSE = Duration.ofSeconds(60);
    /** Downloads at once: one for each row worked on, at the highest concurrency and headroom allowed. */
    private static final int DOWNLOAD_CONNECTIONS = CallConcurrency.MAX_ROWS;

    /** For uploads and feature calls. */
    private final ApiHttpClient http;
    /** For result downloads: only to the API's own host or a public address, never with the key. */
    private final GuardedHttpClient downloads;
    private final URI assetsUri;
    private final URI featuresUri;
    private final ApiKey key;
    private final JsonMapper json;
    private final FailureClassifier classifier;
    private final CallRetry retry;
    private final ResultWriter resultWriter;
    /** Null when no rate limit is configured. */
    private final AdaptiveRateLimit featureRateLimit;
    private final SharedPace sharedPace;
    /** For the feature call, which may take minutes. */
    private final Duration readTimeout;
    /**
     * For uploads (downloads have their limits in {@link #downloads}): a transfer can stall without
     * an error (a body write that waits forever for the connection), and must not hold its worker
     * for the quarter of an hour a generation is allowed.
     */
    private final Duration transferTimeout;

    public OneMinClient(ApiProperties properties, ApiKey key, CallObserver observer) {
        // java.util.Random, unlike RandomGenerator.getDefault(), is safe to share between the threads of concurrent rows.
        this(properties, key, observer, Clock.systemUTC(), new Random());
    }

    /**
     * With the clock (for Retry-After dates and the retry time budget) and the jitter source given,
     * for tests; the jitter source must be safe to share between threads.
     */
    public OneMinClient(ApiProperties properties, ApiKey key, CallObserver observer, Clock clock, RandomGenerator jitter) {
        this(properties, key, observer, clock, jitter, SharedPace.NONE);
    }

    /** With a pace shared with other processes: the workers of a remote job. */
    public OneMinClient(ApiProperties properties, ApiKey key, CallObserver observer, SharedPace sharedPace) {
        this(properties, key, observer, Clock.systemUTC(), new Random(), sharedPace);
    }

    private OneMinClient(ApiProperties properties, ApiKey key, CallObserver observer, Clock clock, RandomGenerator jitter,
                         SharedPace sharedPace) {
        this.sharedPace = sharedPace;
        // Every row's upload and feature call at the highest concurrency and headroom allowed.
        this.http = new ApiHttpClient(properties.connectTimeout(), CallConcurrency.MAX_ROWS);
        this.readTimeout = properties.readTimeout();
        this.transferTimeout = properties.transferTimeout();
        // A hostile or broken answer could aim temporaryUrl at the cloud's metadata service or the
        // local network; the API's own host stays allowed, wherever it is (the sandbox is on loopback).
        Duration pause = properties.transferTimeout().compareTo(DOWNLOAD_PAUSE) < 0 ? properties.transferTimeout() : DOWNLOAD_PAUSE;
        this.downloads = new GuardedHttpClient(AddressPolicy.publicOnly().allowingHost(properties.baseUrl().getHost()),
                new HttpLimits(properties.connectTimeout(), pause, pause, properties.transferTimeout()), DOWNLOAD_CONNECTIONS);
        String base = properties.baseUrl().toString().replaceAll("/+$", "");
        this.assetsUri = URI.create(base + "/api/assets");
        this.featuresUri = URI.create(base + "/api/features");
        this.key = key;
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
        this.classifier = new FailureClassifier(json, new RetryAfter(clock), key);
        this.retry = new CallRetry(properties, new BackoffSchedule(properties, jitter), clock,
                observer == null ? CallObserver.NONE : observer);
        this.resultWriter = new ResultWriter(properties.maxDownloadBytes());
        this.featureRateLimit = properties.rateLimit() == null ? null
                : new AdaptiveRateLimit("feature-calls", RateLimit.parse(properties.rateLimit()));
    }

    /** Closes the connections and ends the client's one thread. */
    @Override
    public void close() throws IOException {
        try {
            http.close();
        } finally {
            downloads.close();
        }
    }

    /**
     * Uploads the source image with the Asset API.
     *
     * @return the asset's path, which the feature call takes as {@code imageUrl}
     */
    public Attempted<String> upload(UploadSource source) {
        return withoutKey(() -> retry.run(Call.UPLOAD, () -> new Measured<>(uploadOnce(source), Math.max(0, source.size()))));
    }

    /**
     * Calls the GPT Image 2 Background Replacer. This is the paid call: only a transient failure
     * (no answer, a 429 or 5xx, a malformed answer) is tried again.
     *
     * @return the AI record, with SUCCESS status, a result path and a temporary download URL
     */
    public Attempted<FeatureResponse.AiRecord> replaceBackground(PromptObject prompt) {
        byte[] body = json.writeValueAsBytes(FeatureRequest.backgroundReplacer(prompt));
        // Only this call is rate-limited: it is the paid generation that an account's limit is about,
        // and each worker uploads once per feature call, so limiting these bounds the uploads too.
        // Downloads go to presigned storage URLs, not to the API. Every attempt, retries included,
        // takes a permit: a retry is a request like any other to the server's limit.
        return withoutKey(() -> retry.run(Call.FEATURE, () -> featureRateLimit == null ? sharedPace.call(() -> featureOnce(body))
                : featureRateLimit.call(() -> sharedPace.call(() -> featureOnce(body)))));
    }

    /**
     * Downloads a result from its presigned URL into {@code target}, replacing what is there.
     * A result that fails a check leaves no file behind.
     *
     * @return the bytes written
     * @throws UncheckedIOException when the target cannot be written
     */
    public Attempted<Long> download(URI temporaryUrl, Path target) {
        return withoutKey(() -> retry.run(Call.DOWNLOAD, () -> {
            long written = downloadOnce(temporaryUrl, target);
            return new Measured<>(written, written);
        }));
    }

    /** The rate limit on feature calls and where it stands, if one is configured. */
    public Optional<AdaptiveRateLimit> featureRateLimit() {
        return Optional.ofNullable(featureRateLimit);
    }

    private String uploadOnce(UploadSource source) {
        InputStream content;
        try {
            content = source.content().open();
        } catch (IOException unreadable) {
            throw new ApiException(Kind.PERMANENT, 0, "cannot read the source image " + source.fileName()
                    + ": " + unreadable.getMessage(), null, unreadable);
        }
        try {
            AssetMultipartBody body = new AssetMultipartBody(source, content);
            byte[] answer = exchange(Call.UPLOAD, assetsUri,
                    ApiHttpClient.Body.streamed(body, body.contentType().toString(), body.contentLength()), transferTimeout);
            AssetResponse asset = parse(answer, AssetResponse.class);
            String path = asset.fileContent() != null && notBlank(asset.fileContent().path())
                    ? asset.fileContent().path()
                    : asset.asset() != null && notBlank(asset.asset().key()) ? asset.asset().key() : null;
            if (path == null) {
                throw new ApiException(Kind.TRANSIENT, 200, "the upload answer names no asset path", null, null);
            }
            return path;
        } finally {
            closeQuietly(content);
        }
    }

    private Measured<FeatureResponse.AiRecord> featureOnce(byte[] body) {
        byte[] answer = exchange(Call.FEATURE, featuresUri, ApiHttpClient.Body.of(body, MediaType.APPLICATION_JSON_VALUE),
                readTimeout);
        FeatureResponse response = parse(answer, FeatureResponse.class);
        return new Measured<>(succeeded(response), answer.length);
    }

    /** The record if it holds a usable result; otherwise the row has failed, and paying again would not help. */
    private FeatureResponse.AiRecord succeeded(FeatureResponse response) {
        FeatureResponse.AiRecord record = response.aiRecord();
        if (record == null) {
            throw permanent("the answer has no aiRecord");
        }
        if (!FeatureResponse.SUCCESS.equals(record.status())) {
            throw permanent("aiRecord.status " + record.status());
        }
        List<String> results = record.aiRecordDetail() == null ? null : record.aiRecordDetail().resultObject();
        if (results == null || results.isEmpty() || !notBlank(results.get(0))) {
            throw permanent("aiRecord has no result (resultObject is empty)");
        }
        if (!notBlank(record.temporaryUrl())) {
            throw permanent("aiRecord has no temporaryUrl");
        }
        try {
            URI url = URI.create(record.temporaryUrl());
            // Anything but http(s) is not a download this client makes (file:, ftp:, jar:): the
            // row's result cannot be had, however often it is asked for.
            boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
            if (!http || url.getHost() == null) {
                throw permanent("aiRecord.temporaryUrl is not an http(s) URL");
            }
        } catch (IllegalArgumentException notAUrl) {
            throw permanent("aiRecord.temporaryUrl is not a URL");
        }
        return record;
    }

    private long downloadOnce(URI temporaryUrl, Path target) {
        // No API-KEY here: the URL is presigned, and the key must not travel to the storage host.
        try (RemoteResponse response = downloads.get(temporaryUrl)) {
            int status = response.status();
            if (status < 200 || status >= 300) {
                throw classifier.answer(Call.DOWNLOAD, status, response.header(HttpHeaders.RETRY_AFTER), errorBody(response));
            }
            // Closing the answer before its end (over the cap, not an image) cuts the connection.
            return resultWriter.write(status, response.body(), response.contentLength(), target);
        } catch (AddressRefusedException refused) {
            throw new ApiException(Kind.PERMANENT, 0, "the result's download link was refused: " + refused.getMessage()
                    + "; results are downloaded only from the API's host or a public address", null, null);
        } catch (IOException failure) {
            throw classifier.transport(failure);
        }
    }

    private static byte[] errorBody(RemoteResponse response) {
        try (InputStream body = response.body()) {
            return body.readNBytes(LONGEST_JSON_ANSWER);
        } catch (IOException brokenOff) {
            return new byte[0];
        }
    }

    /**
     * Runs a call so that no failure leaving this client carries the key: the classifier masks
     * what servers echo, and anything else that holds it (a library complaining about the header,
     * say) is replaced by a failure with the key masked and no cause to print it from.
     */
    private <T> T withoutKey(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException failure) {
            if (!mentionsKey(failure)) {
                throw failure;
            }
            if (failure instanceof ApiException api) {
                throw new ApiException(api.kind(), api.httpStatus(), key.redact(api.getMessage()),
                        api.retryAfter().orElse(null), null, api.answerLost()).counted(api.attempts(), api.lostAnswers());
            }
            throw new ApiException(Kind.FATAL, 0, "the call failed with the API key in its error (masked here): "
                    + key.redact(failure.getClass().getSimpleName() + ": " + failure.getMessage()), null, null);
        }
    }

    private boolean mentionsKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (key.appearsIn(t.getMessage()) || key.appearsIn(t.toString())) {
                return true;
            }
        }
        return false;
    }

    /** Sends the request and returns a 2xx answer's body; anything else is classified and thrown. */
    private byte[] exchange(Call call, URI uri, ApiHttpClient.Body body, Duration limit) {
        ApiHttpClient.Answer answer;
        try {
            answer = http.post(uri, Map.of(KEY_HEADER, key.reveal(), HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE),
                    body, limit, LONGEST_JSON_ANSWER);
        } catch (IOException failure) {
            throw classifier.transport(failure);
        }
        int status = answer.status();
        boolean succeeded = status >= 200 && status < 300;
        if (answer.brokenOff() != null && succeeded) {
            throw new ApiException(Kind.TRANSIENT, status, "the answer broke off (HTTP " + status + "): "
                    + answer.brokenOff().getMessage(), null, answer.brokenOff(), true);
        }
        if (status >= 300 && status < 400) {
            throw classifier.redirect(status, answer.location());
        }
        if (!succeeded) {
            // What arrived of a failure's body is enough to classify it.
            throw classifier.answer(call, status, answer.retryAfter(), answer.body());
        }
        return answer.body();
    }

    private <T> T parse(byte[] answer, Class<T> type) {
        try {
            T parsed = json.readValue(answer, type);
            if (parsed == null) {
                throw new ApiException(Kind.TRANSIENT, 200, "the answer is empty", null, null, true);
            }
            return parsed;
        } catch (JacksonException malformed) {
            throw classifier.malformed(200, malformed);
        }
    }

    private static void closeQuietly(InputStream content) {
        try {
            content.close();
        } catch (IOException ignored) {
            // Closing a stream we only read cannot lose data; the call's outcome stands.
        }
    }

    private static ApiException permanent(String reason) {
        return new ApiException(Kind.PERMANENT, 200, reason, null, null);
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
