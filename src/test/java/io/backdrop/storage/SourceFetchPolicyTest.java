package io.backdrop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.support.MisbehavingServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The source-fetch policy against SSRF, with a real server on loopback, which is not a public
 * address: refused by default before any connection, checked after resolving a name and again
 * at every redirect, and let through only by the user's allow options.
 */
class SourceFetchPolicyTest {

    private MisbehavingServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MisbehavingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aLoopbackSourceIsRefusedByDefaultWithoutAnyRequest() {
        HttpSourceStore store = new HttpSourceStore(SourceProperties.defaults());

        assertThatThrownBy(() -> store.size(server.uri("/image.png")))
                .hasMessageContaining("refused: 127.0.0.1 is not a public address")
                .hasMessageContaining("--allow-source-host 127.0.0.1")
                .hasMessageContaining("--allow-private-sources");
        assertThatThrownBy(() -> store.open(server.uri("/image.png"))).hasMessageContaining("refused");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aNameIsCheckedByWhatItResolvesTo() {
        HttpSourceStore store = new HttpSourceStore(SourceProperties.defaults());

        assertThatThrownBy(() -> store.open(server.byName("/image.png")))
                .hasMessageContaining("refused: localhost resolves to")
                .hasMessageContaining("which is not a public address");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theCloudMetadataAddressAndIpv6LocalAddressesAreRefused() {
        HttpSourceStore store = new HttpSourceStore(SourceProperties.defaults());

        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[::1]:9/a.png",
                "http://[fd00::1]/a.png", "http://[::ffff:10.0.0.1]/a.png", "http://0.0.0.0:9/a.png")) {
            assertThatThrownBy(() -> store.open(URI.create(url))).as(url).hasMessageContaining("refused");
        }
    }

    @Test
    void aRefusalSaysTheSameWhetherSomethingListensOnThePortOrNot() throws IOException {
        HttpSourceStore store = new HttpSourceStore(SourceProperties.defaults());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        String open = messageOf(() -> store.open(server.uri("/image.png"))).replace(":" + server.port(), ":PORT");
        String closed = messageOf(() -> store.open(URI.create("http://127.0.0.1:" + closedPort + "/image.png")))
                .replace(":" + closedPort, ":PORT");

        assertThat(open).isEqualTo(closed);
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedAtThatHop() {
        // The user allows the name localhost, not the address 127.0.0.1 it redirects to.
        HttpSourceStore store = new HttpSourceStore(new SourceProperties(List.of("localhost"), false,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20)));
        URI redirecting = server.byName("/redirect?to=" + encode(server.uri("/image.png").toString()));

        assertThatThrownBy(() -> store.open(redirecting)).hasMessageContaining("refused: 127.0.0.1 is not a public address");
        assertThat(server.requests()).allMatch(path -> path.startsWith("/redirect"));
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        HttpSourceStore store = new HttpSourceStore(SourceProperties.defaults().withAllowPrivate(true));

        assertThatThrownBy(() -> store.open(server.uri("/redirect?to=" + encode("file:///etc/passwd"))))
                .hasMessageContaining("redirects to a file URL; only http and https are followed");
    }

    @Test
    void allowedHostsAndPrivateSourcesAreReadWhenTheUserSaysSo() throws IOException {
        HttpSourceStore byHost = new HttpSourceStore(new SourceProperties(List.of("127.0.0.1"), false,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20)));
        HttpSourceStore anyPrivate = new HttpSourceStore(SourceProperties.defaults().withAllowPrivate(true));

        assertThat(byHost.size(server.uri("/image.png"))).isEqualTo(4096);
        try (InputStream in = anyPrivate.open(server.byName("/redirect?to=" + encode(server.uri("/image.png").toString())))) {
            assertThat(in.readAllBytes()).hasSize(4096);
        }
    }

    @Test
    @Timeout(15)
    void aServerThatNeverAnswersIsGivenUpAtTheFirstByteLimit() {
        HttpSourceStore store = new HttpSourceStore(SourceProperties.defaults().withAllowPrivate(true)
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofSeconds(120)));

        assertThatThrownBy(() -> store.open(server.uri("/silent"))).hasMessageContaining("timed out");
    }

    @Test
    @Timeout(15)
    void aServerThatTricklesIsGivenUpAtTheTotalLimit() throws IOException {
        HttpSourceStore store = new HttpSourceStore(SourceProperties.defaults().withAllowPrivate(true)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1)));

        try (InputStream in = store.open(server.uri("/trickle"))) {
            assertThatThrownBy(in::readAllBytes).hasMessageContaining("timed out");
        }
    }

    private static String messageOf(ThrowingCall call) {
        try {
            call.run();
        } catch (IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }

    private static String encode(String url) {
        return URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws IOException;
    }
}
