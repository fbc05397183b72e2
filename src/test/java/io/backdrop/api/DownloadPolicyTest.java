package io.backdrop.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.api.ApiException.Kind;
import io.backdrop.support.MisbehavingServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a result may be downloaded from, and how a download over its cap ends: with a real server
 * on 127.0.0.1 standing for the API (whose own host is allowed) and for hosts that are not.
 */
class DownloadPolicyTest {

    private static final long CAP = 1024 * 1024;

    @TempDir
    Path output;

    private MisbehavingServer server;
    private OneMinClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MisbehavingServer();
        // A generous transfer limit: the download must end at its cap, not at this.
        client = new OneMinClient(Fixtures.properties(server.uri(""), Duration.ofSeconds(5), Duration.ofMinutes(5), 1,
                Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMinutes(10), CAP), Fixtures.KEY, CallObserver.NONE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aResultOnTheApisOwnHostIsDownloaded() {
        Path target = output.resolve("a.png");

        assertThat(client.download(server.uri("/image.png"), target).value()).isEqualTo(4096);
        assertThat(target).hasSize(4096);
    }

    @Test
    void aLinkToAnotherPrivateHostIsRefusedWithoutARequest() {
        // localhost is loopback too, but it is not the host the API was given as.
        Path target = output.resolve("a.png");

        assertThatThrownBy(() -> client.download(server.byName("/image.png"), target))
                .isInstanceOfSatisfying(ApiException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("download link was refused")
                            .contains("only from the API's host or a public address");
                });
        assertThat(server.requests()).isEmpty();
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void aLinkToTheMetadataAddressIsRefused() {
        assertThatThrownBy(() -> client.download(java.net.URI.create("http://169.254.169.254/latest/meta-data/"),
                output.resolve("a.png")))
                .isInstanceOfSatisfying(ApiException.class, failure -> assertThat(failure.kind()).isEqualTo(Kind.PERMANENT));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDownloadPastItsCapIsCutOffThere() throws InterruptedException {
        Path target = output.resolve("a.png");

        assertThatThrownBy(() -> client.download(server.uri("/endless"), target))
                .isInstanceOfSatisfying(ApiException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("larger than " + CAP);
                });

        // The connection is cut, not read to its end: the server's writes fail soon after the cap.
        assertThat(server.awaitEndlessCutOff(20)).isTrue();
        assertThat(server.endlessBytesSent()).isLessThan(CAP + 64L * 1024 * 1024);
        assertThat(Files.exists(target)).isFalse();
    }
}
