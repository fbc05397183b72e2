package io.backdrop.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * Reads http(s) URLs that come from outside (manifest cells, an API answer's download link) under
 * an {@link AddressPolicy} and {@link HttpLimits}. Every connection, redirects included, goes only
 * to an address the policy allows, checked when the connection is made; only http and https are
 * followed; an answer closed before its end is cut off rather than read to the end. Thread-safe:
 * one client serves every row.
 */
public final class GuardedHttpClient implements AutoCloseable {

    /** Redirects followed before giving up; browsers follow about 20, image hosts need one or two. */
    public static final int MAX_REDIRECTS = 5;

    private final CloseableHttpClient http;
    private final HttpLimits limits;

    public GuardedHttpClient(AddressPolicy policy, HttpLimits limits, int maxConnections) {
        this.limits = limits;
        Timeout idle = timeout(limits.idle());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedDnsResolver(policy))
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout(limits.connect()))
                                .setSocketTimeout(idle)
                                .build())
                        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(timeout(limits.connect())).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(timeout(limits.firstByte()))
                        .setConnectionRequestTimeout(timeout(limits.total()))
                        .build())
                .setRequestExecutor(new IdleAfterFirstByte(idle))
                // Redirects are followed here, one checked hop at a time; bytes are counted as sent.
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    /** A GET, following redirects; the caller closes the answer. */
    public RemoteResponse get(URI location) throws IOException {
        return send("GET", location);
    }

    /** A HEAD, following redirects; the caller closes the answer. */
    public RemoteResponse head(URI location) throws IOException {
        return send("HEAD", location);
    }

    private RemoteResponse send(String method, URI location) throws IOException {
        long deadline = System.nanoTime() + limits.total().toNanos();
        URI current = location;
        for (int redirects = 0; ; redirects++) {
            requireHttp(current, location);
            HttpUriRequestBase request = new HttpUriRequestBase(method, current);
            CloseableHttpResponse response;
            try {
                response = http.execute(request);
            } catch (IllegalStateException | IllegalArgumentException unusable) {
                throw new IOException("is not a URL that can be fetched: " + unusable.getMessage(), unusable);
            }
            RemoteResponse answer = new RemoteResponse(request, response, current, deadline, limits.total());
            Header next = response.getFirstHeader(HttpHeaders.LOCATION);
            if (!isRedirect(response.getCode()) || next == null) {
                return answer;
            }
            answer.close();
            if (redirects == MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects (HTTP " + response.getCode() + ")");
            }
            try {
                current = current.resolve(next.getValue().strip());
            } catch (IllegalArgumentException malformed) {
                throw new IOException("redirects (HTTP " + response.getCode() + ") to a malformed location", malformed);
            }
        }
    }

    private static void requireHttp(URI uri, URI asked) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException(uri == asked ? "only http and https URLs are fetched"
                    : "redirects to a " + (scheme.isEmpty() ? "schemeless" : scheme)
                    + " URL; only http and https are followed");
        }
        if (uri.getHost() == null) {
            throw new IOException("the URL names no host");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.of(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /**
     * The answer of a request: its status, headers and body. Closing it before the body's end
     * cuts the connection instead of reading what is left, so a huge answer costs nothing more.
     */
    public static final class RemoteResponse implements AutoCloseable {

        private final HttpUriRequestBase request;
        private final ClassicHttpResponse response;
        private final URI location;
        private final long deadline;
        private final Duration total;
        private boolean ended;

        RemoteResponse(HttpUriRequestBase request, ClassicHttpResponse response, URI location, long deadline,
                       Duration total) {
            this.request = request;
            this.response = response;
            this.location = location;
            this.deadline = deadline;
            this.total = total;
        }

        public int status() {
            return response.getCode();
        }

        /** Where the answer came from, after redirects. */
        public URI location() {
            return location;
        }

        /** A header's first value, or null. */
        public String header(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        /** The stated Content-Length, or -1 when there is none or it is not a number. */
        public long contentLength() {
            String stated = header(HttpHeaders.CONTENT_LENGTH);
            try {
                return stated == null ? -1 : Long.parseLong(stated.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** The body, which fails once the exchange takes longer than its total limit. */
        public InputStream body() throws IOException {
            InputStream content = response.getEntity() == null ? InputStream.nullInputStream()
                    : response.getEntity().getContent();
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    // Each read is bounded by the idle limit, so checking after it keeps the total.
                    int read = content.read(buffer, offset, length);
                    if (read < 0) {
                        ended = true;
                    } else if (System.nanoTime() - deadline > 0) {
                        RemoteResponse.this.close();
                        throw new InterruptedIOException("took longer than " + total.toMillis() + " ms");
                    }
                    return read;
                }

                @Override
                public void close() {
                    RemoteResponse.this.close();
                }
            };
        }

        @Override
        public void close() {
            if (!ended) {
                // Without this the connection would be read to its end to be kept for reuse.
                request.cancel();
            }
            try {
                response.close();
            } catch (IOException ignored) {
                // The connection is gone either way; there is nothing left to release.
            }
        }
    }

    /** Waits for the answer's first byte with the first-byte limit, then reads its body with the idle limit. */
    private static final class IdleAfterFirstByte extends HttpRequestExecutor {

        private final Timeout idle;

        IdleAfterFirstByte(Timeout idle) {
            this.idle = idle;
        }

        @Override
        public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection connection,
                                           HttpResponseInformationCallback informationCallback, HttpContext context)
                throws IOException, HttpException {
            ClassicHttpResponse response = super.execute(request, connection, informationCallback, context);
            connection.setSocketTimeout(idle);
            return response;
        }
    }
}
