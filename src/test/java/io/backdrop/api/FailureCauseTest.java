package io.backdrop.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.api.ApiException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/** Which metric cause each kind of failed attempt is counted under. */
class FailureCauseTest {

    @Test
    void statusesAndCausesMapToStableTags() {
        assertThat(cause(Kind.TRANSIENT, 429, null)).isEqualTo("429");
        assertThat(cause(Kind.TRANSIENT, 503, null)).isEqualTo("5xx");
        assertThat(cause(Kind.PERMANENT, 501, null)).isEqualTo("5xx");
        assertThat(cause(Kind.PERMANENT, 422, null)).isEqualTo("4xx");
        assertThat(cause(Kind.FATAL, 401, null)).isEqualTo("4xx");
        assertThat(cause(Kind.TRANSIENT, 0, new RuntimeException(new SocketTimeoutException("read")))).isEqualTo("timeout");
        assertThat(cause(Kind.TRANSIENT, 0, new ConnectTimeoutException("connect"))).isEqualTo("timeout");
        assertThat(cause(Kind.TRANSIENT, 0, new RuntimeException(new ConnectException("refused")))).isEqualTo("connection");
        assertThat(cause(Kind.TRANSIENT, 200, malformedJson())).isEqualTo("malformed");
        assertThat(cause(Kind.TRANSIENT, 200, new IOException("reset"))).isEqualTo("truncated");
        assertThat(cause(Kind.TRANSIENT, 200, null)).isEqualTo("malformed");
        assertThat(cause(Kind.PERMANENT, 200, null)).isEqualTo("unusable");
    }

    private static String cause(Kind kind, int status, Throwable cause) {
        return FailureCause.of(new ApiException(kind, status, "whatever the server wrote", null, cause)).tag();
    }

    private static JacksonException malformedJson() {
        try {
            Fixtures.JSON.readTree("{\"aiRecord\": {");
            throw new AssertionError("parsed");
        } catch (JacksonException e) {
            return e;
        }
    }
}
