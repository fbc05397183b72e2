package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Images at {@code http(s)://} URLs. Every download has a size cap and a deadline, so a huge or
 * stalled server costs one row, never the run.
 */
public class HttpSourceStore implements SourceStore {

    /** The API's limit for an input image. */
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final long maxBytes;
    private final Duration timeout;

    /** @param timeout bounds the wait for the answer and, separately, the whole download of the body */
    public HttpSourceStore(HttpClient http, long maxBytes, Duration timeout) {
        this.http = http;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    public HttpSourceStore(long maxBytes, Duration timeout) {
        this(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout)
                .build(), maxBytes, timeout);
    }

    public HttpSourceStore() {
        this(DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT);
    }

    @Override
    public boolean handles(URI location) {
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    /**
     * The size the server states (HEAD, else the GET's Content-Length), so that an oversized image
     * is rejected with its real size; when no length is stated, the body is counted up to the cap.
     */
    @Override
    public long size(URI location) throws IOException {
        HttpResponse<Void> head = send(request(location).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        if (isMissing(head.statusCode())) {
            throw new SourceNotFoundException(location.toString());
        }
        OptionalLong stated = head.headers().firstValueAsLong("Content-Length");
        if (isSuccess(head.statusCode()) && stated.isPresent()) {
            return stated.getAsLong();
        }
        // Some servers refuse HEAD (405) or state no length for it: ask with GET instead.
        HttpResponse<InputStream> response = get(location);
        stated = response.headers().firstValueAsLong("Content-Length");
        if (stated.isPresent()) {
            response.body().close();
            return stated.getAsLong();
        }
        try (InputStream body = new BoundedDownload(response.body(), location, maxBytes, timeout)) {
            return body.transferTo(OutputStream.nullOutputStream());
        }
    }

    @Override
    public InputStream open(URI location) throws IOException {
        return bounded(get(location), location);
    }

    private InputStream bounded(HttpResponse<InputStream> response, URI location) throws IOException {
        OptionalLong stated = response.headers().firstValueAsLong("Content-Length");
        if (stated.isPresent() && stated.getAsLong() > maxBytes) {
            response.body().close();
            throw new IOException("is " + stated.getAsLong() + " bytes, larger than the limit of " + maxBytes
                    + " bytes: " + location);
        }
        // A server may send more than it stated, or state nothing: the stream enforces the cap itself.
        return new BoundedDownload(response.body(), location, maxBytes, timeout);
    }

    /** The validators of a HEAD: see {@link HttpValidators}. */
    @Override
    public Optional<String> identity(URI location) throws IOException {
        HttpResponse<Void> head = send(request(location).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        if (isMissing(head.statusCode())) {
            throw new SourceNotFoundException(location.toString());
        }
        return isSuccess(head.statusCode()) ? HttpValidators.identity(head.headers()) : Optional.empty();
    }

    /** The identity of what is read is the validators of the GET's own answer. */
    @Override
    public SourceRead read(URI location) throws IOException {
        HttpResponse<InputStream> response = get(location);
        Optional<String> identity = HttpValidators.identity(response.headers());
        return new SourceRead(bounded(response, location), () -> identity);
    }

    private HttpResponse<InputStream> get(URI location) throws IOException {
        HttpResponse<InputStream> response = send(request(location).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (!isSuccess(status)) {
            response.body().close();
            if (isMissing(status)) {
                throw new SourceNotFoundException(location.toString());
            }
            throw new IOException("HTTP " + status + " for " + location);
        }
        return response;
    }

    private HttpRequest.Builder request(URI location) {
        return HttpRequest.newBuilder(location).timeout(timeout);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + request.uri());
        } catch (IOException e) {
            throw new IOException("cannot fetch " + request.uri() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static boolean isMissing(int status) {
        return status == 404 || status == 410;
    }
}
