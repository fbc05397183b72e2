package io.backdrop.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.support.MisbehavingServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An API answer is read up to its cap (8 MB of JSON), never to its end: a server that answers the
 * paid call without end has its connection cut there, and the call fails as a malformed answer.
 */
class AnswerCapTest {

    private MisbehavingServer server;
    private OneMinClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MisbehavingServer();
        client = new OneMinClient(Fixtures.properties(server.uri("/endless"), 1), Fixtures.KEY, CallObserver.NONE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFeatureCallAnsweredWithoutEndIsCutOffAtTheCap() throws InterruptedException {
        assertThatThrownBy(() -> client.replaceBackground(new PromptObject("images/a.png", "a shelf", "1024x1024", "low", "auto")))
                .isInstanceOf(ApiException.class);

        assertThat(server.awaitEndlessCutOff(20)).isTrue();
        // Each attempt (a 2xx answer that cannot be read is tried once more) reads at most the cap.
        assertThat(server.endlessBytesSent()).isLessThan(2 * 8L * 1024 * 1024 + 64L * 1024 * 1024);
    }
}
