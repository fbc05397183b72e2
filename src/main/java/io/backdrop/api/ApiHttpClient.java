package io.backdrop.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The API's two JSON calls (the upload and the feature call) over pooled connections, each made
 * on the calling thread from the first byte of the request to the last of the answer (Apache
 * HttpClient 5, classic). A call holds a call slot while it waits: the JDK's client, which Spring's
 * {@code RestClient} used, hands each request body to a second thread and each answer to a third,
 * every one of them a wake-up that waits for a core on a busy machine, and at the end of every
 * command the JVM waited 0.3 s for the thread it keeps in the operating system (Java 17 cannot
 * shut it down). Nothing here starts a thread per call; one thread cuts off calls that run out of
 * time.
 */
final class ApiHttpClient implements AutoCloseable {

    /** A stale pooled connection is checked before reuse only after this long unused. */
    private static final TimeValue CHECK_AFTER_IDLE = TimeValue.ofSeconds(1);

    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;

    ApiHttpClient(Duration connectTimeout, int maxConnections) {
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout(connectTimeout))
                                .setValidateAfterInactivity(CHECK_AFTER_IDLE)
                                .build())
                        .build())
                // A redirect would carry the API key to wherever it points; the API documents none.
                .disableRedirectHandling()
                // A POST is never sent twice by the transport: whether a paid call is tried again is CallRetry's decision.
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .build();
        CustomizableThreadFactory threads = new CustomizableThreadFactory("backdrop-api-deadline-");
        threads.setDaemon(true);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threads);
        // A call that ends in time takes its cut-off out of the queue, so the queue holds only calls in flight.
        scheduler.setRemoveOnCancelPolicy(true);
        this.deadlines = scheduler;
    }

    /**
     * POSTs the body and reads the whole answer, at most {@code maxAnswer} bytes of it.
     *
     * @param limit the longest the exchange may take, the request's body and the answer's included;
     *              past it the connection is closed and the call fails with a {@link SocketTimeoutException}
     * @throws IOException when no answer (status line and headers) came; an answer whose body broke
     *                     off is returned with {@link Answer#brokenOff()} set
     */
    Answer post(URI uri, Map<String, String> headers, Body body, Duration limit, int maxAnswer) throws IOException {
        HttpPost request = new HttpPost(uri);
        headers.forEach(request::setHeader);
        request.setEntity(body.entity());
        // Also the longest wait for any byte of the answer, so that a silent server is cut off by the
        // socket itself; the scheduled cut-off below bounds a trickle and a body write that never ends.
        request.setConfig(RequestConfig.custom().setResponseTimeout(timeout(limit)).build());
        AtomicBoolean cutOff = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            cutOff.set(true);
            request.cancel();
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        try (CloseableHttpResponse response = http.execute(request)) {
            Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
            Header location = response.getFirstHeader(HttpHeaders.LOCATION);
            byte[] answer = new byte[0];
            IOException brokenOff = null;
            if (response.getEntity() != null) {
                try (InputStream content = response.getEntity().getContent()) {
                    answer = content.readNBytes(maxAnswer);
                    if (answer.length == maxAnswer) {
                        // Longer than any answer this client understands: not read to its end.
                        request.cancel();
                    }
                } catch (IOException broken) {
                    brokenOff = cutOff.get() ? timedOut(limit, broken) : broken;
                    request.cancel();
                }
            }
            return new Answer(response.getCode(), retryAfter == null ? null : retryAfter.getValue(),
                    location == null ? null : location.getValue(), answer, brokenOff);
        } catch (IOException failure) {
            throw cutOff.get() ? timedOut(limit, failure) : failure;
        } finally {
            deadline.cancel(false);
        }
    }

    private static SocketTimeoutException timedOut(Duration limit, IOException failure) {
        SocketTimeoutException timedOut = new SocketTimeoutException("took longer than " + limit.toMillis() + " ms");
        timedOut.initCause(failure);
        return timedOut;
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.of(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }

    /**
     * An answer: its status, the headers the caller needs, and its body.
     *
     * @param brokenOff why the body could not be read to its end (it broke off, or the time ran out); null when it was
     */
    record Answer(int status, String retryAfter, String location, byte[] body, IOException brokenOff) {
    }

    /** A request body: bytes in hand, or one written by the caller as it goes (an upload). */
    static final class Body {

        private final AbstractHttpEntity entity;

        private Body(AbstractHttpEntity entity) {
            this.entity = entity;
        }

        static Body of(byte[] bytes, String contentType) {
            return new Body(new ByteArrayEntity(bytes, ContentType.parse(contentType)));
        }

        /** @param length the exact length, or -1 when unknown (the body is then sent chunked) */
        static Body streamed(StreamingHttpOutputMessage.Body writer, String contentType, long length) {
            return new Body(new AbstractHttpEntity(ContentType.parse(contentType), null, length < 0) {
                @Override
                public InputStream getContent() {
                    throw new UnsupportedOperationException("a streamed body is written, not read");
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    writer.writeTo(out);
                }

                @Override
                public boolean isStreaming() {
                    // Written once from its source: the transport must not try to send it again.
                    return true;
                }

                @Override
                public long getContentLength() {
                    return length;
                }

                @Override
                public void close() {
                    // The source is the caller's to close.
                }
            });
        }

        AbstractHttpEntity entity() {
            return entity;
        }
    }
}
