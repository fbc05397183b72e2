package io.backdrop.storage;

import io.backdrop.model.CallConcurrency;
import io.backdrop.platform.AddressRefusedException;
import io.backdrop.platform.CappedInputStream;
import io.backdrop.platform.GuardedHttpClient;
import io.backdrop.platform.GuardedHttpClient.RemoteResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Images at {@code http(s)://} URLs. Every download has a size cap and time limits, so a huge or
 * stalled server costs one row, never the run; and only addresses the source policy allows are
 * read (public ones, unless the user allows more), so a manifest cannot aim Backdrop at the
 * local network.
 */
public class HttpSourceStore implements SourceStore {

    /** The API's limit for an input image. */
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    /** Enough for every row worked on and the manifest, at the highest concurrency and headroom allowed. */
    private static final int MAX_CONNECTIONS = CallConcurrency.MAX_ROWS + 4;

    private final GuardedHttpClient http;
    private final long maxBytes;

    public HttpSourceStore(SourceProperties properties, long maxBytes) {
        this.http = new GuardedHttpClient(properties.policy(), properties.limits(), MAX_CONNECTIONS);
        this.maxBytes = maxBytes;
    }

    public HttpSourceStore(SourceProperties properties) {
        this(properties, DEFAULT_MAX_BYTES);
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
        try (RemoteResponse head = send(location, true)) {
            if (isMissing(head.status())) {
                throw new SourceNotFoundException(location.toString());
            }
            if (isSuccess(head.status()) && head.contentLength() >= 0) {
                return head.contentLength();
            }
        }
        // Some servers refuse HEAD (405) or state no length for it: ask with GET instead.
        try (RemoteResponse response = get(location)) {
            if (response.contentLength() >= 0) {
                return response.contentLength();
            }
            try (InputStream body = capped(response, location)) {
                return body.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    @Override
    public InputStream open(URI location) throws IOException {
        return bounded(get(location), location);
    }

    private InputStream bounded(RemoteResponse response, URI location) throws IOException {
        long stated = response.contentLength();
        if (stated > maxBytes) {
            response.close();
            throw new IOException("is " + stated + " bytes, larger than the limit of " + maxBytes + " bytes: " + location);
        }
        // A server may send more than it stated, or state nothing: the stream enforces the cap itself.
        return capped(response, location);
    }

    /** The validators of a HEAD: see {@link HttpValidators}. */
    @Override
    public Optional<String> identity(URI location) throws IOException {
        try (RemoteResponse head = send(location, true)) {
            if (isMissing(head.status())) {
                throw new SourceNotFoundException(location.toString());
            }
            return isSuccess(head.status()) ? HttpValidators.identity(headers(head)) : Optional.empty();
        }
    }

    /** The identity of what is read is the validators of the GET's own answer. */
    @Override
    public SourceRead read(URI location) throws IOException {
        RemoteResponse response = get(location);
        Optional<String> identity = HttpValidators.identity(headers(response));
        return new SourceRead(bounded(response, location), () -> identity, response.contentLength());
    }

    private static Function<String, Optional<String>> headers(RemoteResponse response) {
        return name -> Optional.ofNullable(response.header(name));
    }

    private RemoteResponse get(URI location) throws IOException {
        RemoteResponse response = send(location, false);
        int status = response.status();
        if (!isSuccess(status)) {
            response.close();
            if (isMissing(status)) {
                throw new SourceNotFoundException(location.toString());
            }
            throw new IOException("HTTP " + status + (status >= 300 && status < 400 ? " (a redirect without a Location)" : "")
                    + " for " + location);
        }
        return response;
    }

    private RemoteResponse send(URI location, boolean head) throws IOException {
        try {
            return head ? http.head(location) : http.get(location);
        } catch (AddressRefusedException refused) {
            throw new IOException("refused: " + refused.getMessage() + " (allow it with --allow-source-host "
                    + refused.host() + " or --allow-private-sources): " + location, refused);
        } catch (IOException failure) {
            throw new IOException("cannot fetch " + location + ": " + reason(failure), failure);
        }
    }

    /**
     * What went wrong, in words that say nothing a caller could learn about the server beyond
     * "it did not work": the library's own texts are sometimes empty, or name the address tried.
     */
    private static String reason(IOException failure) {
        if (failure instanceof SocketTimeoutException || failure instanceof InterruptedIOException) {
            return "timed out";
        }
        if (failure instanceof ConnectException) {
            return "cannot connect";
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? "the connection failed" : message;
    }

    private InputStream capped(RemoteResponse response, URI location) throws IOException {
        return new CappedInputStream(response.body(), maxBytes, location.toString());
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static boolean isMissing(int status) {
        return status == 404 || status == 410;
    }
}
