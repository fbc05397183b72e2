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
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
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

    /** For the feature call, which may take minutes. */
    private final RestClient http;
    /** For uploads and downloads: the same connections, a shorter time limit. */
    private final RestClient transfers;
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
    private final HttpClient httpClient;
    private final ExecutorService httpThreads;

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
        // One pool of reused daemon threads for the HTTP client's own work and for writing request
        // bodies: left to itself, Spring starts a new thread for every request with a body.
        CustomizableThreadFactory threads = new CustomizableThreadFactory("backdrop-http-");
        threads.setDaemon(true);
        this.httpThreads = Executors.newCachedThreadPool(threads);
        this.httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                // A redirect would carry the API key to wherever it points; the API documents none.
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpThreads)
                .build();
        this.http = restClient(httpClient, httpThreads, properties.readTimeout());
        // A transfer can stall without an error (a body write that waits forever for the connection):
        // it must not hold its worker for the quarter of an hour a generation is allowed.
        this.transfers = restClient(httpClient, httpThreads, properties.transferTimeout());
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

    /**
     * Closes the connections. The JDK's HTTP client keeps a thread waiting in the operating system
     * for its connections, and the JVM's exit waits 0.3 s for such a thread to return before it
     * ends anyway: every command paid that at its end. Java 21 and later can shut the client down
     * (called by reflection, since Backdrop is built for Java 17, which cannot).
     */
    @Override
    public void close() throws IOException {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(httpClient);
        } catch (NoSuchMethodException java17) {
            // the thread ends with the JVM
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot shut the HTTP client down", e);
        }
        httpThreads.shutdownNow();
        downloads.close();
    }

    /** A client whose every exchange, answer body included, is cut off after {@code timeout}. */
    private static RestClient restClient(HttpClient httpClient, ExecutorService threads, Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(httpClient, threads);
        requests.setReadTimeout(timeout);
        return RestClient.builder().requestFactory(requests).build();
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
            RestClient.RequestBodySpec request = transfers.post().uri(assetsUri)
                    .header(KEY_HEADER, key.reveal())
                    .accept(MediaType.APPLICATION_JSON)
                    .contentType(body.contentType());
            if (body.contentLength() >= 0) {
                request.contentLength(body.contentLength());
            }
            byte[] answer = exchange(Call.UPLOAD, request.body(body));
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
        byte[] answer = exchange(Call.FEATURE, http.post().uri(featuresUri)
                .header(KEY_HEADER, key.reveal())
                .accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body));
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
    private byte[] exchange(Call call, RestClient.RequestHeadersSpec<?> request) {
        try {
            return request.exchange((sent, response) -> {
                int status = response.getStatusCode().value();
                byte[] body;
                try {
                    body = readJson(response);
                } catch (IOException brokenOff) {
                    if (response.getStatusCode().is2xxSuccessful()) {
                        throw new ApiException(Kind.TRANSIENT, status,
                                "the answer broke off (HTTP " + status + "): " + brokenOff.getMessage(), null, brokenOff, true);
                    }
                    body = new byte[0];
                }
                if (response.getStatusCode().is3xxRedirection()) {
                    throw classifier.redirect(status, response.getHeaders().getFirst(HttpHeaders.LOCATION));
                }
                if (!response.getStatusCode().is2xxSuccessful()) {
                    throw classifier.answer(call, status, retryAfterOf(response), body);
                }
                return body;
            }, true);
        } catch (ResourceAccessException failure) {
            throw classifier.transport(failure);
        }
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

    private static byte[] readJson(ClientHttpResponse response) throws IOException {
        InputStream body = response.getBody();
        byte[] answer;
        try {
            answer = body.readNBytes(LONGEST_JSON_ANSWER);
        } catch (IOException broken) {
            closeQuietly(body);
            throw broken;
        }
        // An answer read to its end is left to the response's own close, which finds nothing more
        // to read; closing the body first made that close fail on it, an exception a call. One as
        // long as the cap may go on: closed here, so that nothing reads the rest of it.
        if (answer.length == LONGEST_JSON_ANSWER) {
            closeQuietly(body);
        }
        return answer;
    }

    private static void closeQuietly(InputStream content) {
        try {
            content.close();
        } catch (IOException ignored) {
            // Closing a stream we only read cannot lose data; the call's outcome stands.
        }
    }

    private static String retryAfterOf(ClientHttpResponse response) {
        return response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
    }


    private static ApiException permanent(String reason) {
        return new ApiException(Kind.PERMANENT, 200, reason, null, null);
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
