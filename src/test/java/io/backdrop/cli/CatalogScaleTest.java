package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a catalog run reads, counted where it is served: the manifest and the photos come from an
 * http server of the test's own, which counts every GET by path and can hold GETs until several
 * are in flight together.
 */
class CatalogScaleTest {

    private static final String KEY = "catalog-scale-test-key";
    private static final List<String> PHOTOS = List.of("coffee.png", "chelsea.png", "rocket.jpg", "astronaut.png");

    @TempDir
    Path work;

    private SandboxServer sandbox;
    private TestDatabase database;
    private CommandLineRun backdrop;
    private HttpServer server;
    private ExecutorService serverThreads;
    private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
    private final AtomicInteger photosInFlight = new AtomicInteger();
    private final AtomicInteger mostPhotosInFlight = new AtomicInteger();
    /** When set, a photo GET waits (a few seconds at most) until this many have arrived. */
    private volatile CountDownLatch together;

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey(KEY));
        database = TestDatabase.h2(work);
        backdrop = CommandLineRun.on(database).withEnvironment(Map.of("ONEMIN_API_KEY", KEY));
        StringBuilder manifest = new StringBuilder("id,image,prompt,size,quality\n");
        for (String photo : PHOTOS) {
            manifest.append(photo, 0, photo.indexOf('.')).append(",photos/").append(photo).append(",a grey studio,1024x1024,low\n");
        }
        byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // One thread per request, as a real server: the holding below needs GETs served side by side.
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            boolean photoGet = !head && path.startsWith("/catalog/photos/");
            if (photoGet) {
                mostPhotosInFlight.accumulateAndGet(photosInFlight.incrementAndGet(), Math::max);
            }
            try (exchange) {
                byte[] body;
                if (path.equals("/catalog/manifest.csv")) {
                    body = manifestBytes;
                } else if (path.startsWith("/catalog/photos/") && PHOTOS.contains(path.substring("/catalog/photos/".length()))) {
                    body = Files.readAllBytes(Path.of("sample-manifests/images", path.substring("/catalog/photos/".length())));
                    if (!head) {
                        holdPhoto();
                    }
                } else {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                if (!head) {
                    gets.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                }
                exchange.sendResponseHeaders(200, head ? -1 : body.length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            } finally {
                if (photoGet) {
                    photosInFlight.decrementAndGet();
                }
            }
        });
        server.start();
    }

    private void holdPhoto() {
        CountDownLatch latch = together;
        if (latch != null) {
            latch.countDown();
            try {
                latch.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
        sandbox.close();
        database.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "plan"})
    void imagesAreProbedSideBySideNotOneAfterAnotherByTheManifestReader(String command) {
        together = new CountDownLatch(PHOTOS.size());
        List<String> arguments = new ArrayList<>(List.of(command, "--manifest", manifestUrl(), "--allow-source-host",
                "127.0.0.1", "--concurrency", "4"));
        if (command.equals("run")) {
            arguments.addAll(List.of("--output", work.resolve("out").toString(), "--api-base-url", sandbox.baseUrl().toString()));
        }

        var outcome = backdrop.execute(arguments.toArray(String[]::new));

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        // One GET a photo serves its rules, its fingerprint and its upload; each waits for the others,
        // so had the manifest's reader probed the photos in turn, no two would have met.
        assertThat(gets).hasSize(PHOTOS.size() + 1);
        assertThat(gets.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(mostPhotosInFlight.get()).isEqualTo(PHOTOS.size());
    }

    @Test
    void aRestartReadsOnlyTheRowsLeftAndTheManifestOnce() throws IOException {
        Path output = work.resolve("out");
        // One row at a time (none staged beside it) and a budget of two paid calls: the first two
        // rows finish, the third is probed and stopped by the budget before its call, the fourth is never taken.
        var first = backdrop.execute("run", "--manifest", manifestUrl(), "--allow-source-host", "127.0.0.1",
                "--concurrency", "1", "--backdrop.job.headroom=0", "--max-images", "2", "--output", output.toString(),
                "--api-base-url", sandbox.baseUrl().toString());
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(gets.get("/catalog/manifest.csv")).hasValue(1);
        gets.clear();
        // The source policy is kept with the execution: the restart reads the same host unasked (a
        // restart refused it would reject every row on it for good).
        var restart = backdrop.execute("restart", "1", "--max-images", "10",
                "--api-base-url", sandbox.baseUrl().toString());

        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status")).containsOnly("SUCCEEDED").hasSize(4);
        // The finished rows are passed over on the ledger's word, before any read of their photos.
        assertThat(gets).containsOnlyKeys("/catalog/manifest.csv", "/catalog/photos/rocket.jpg", "/catalog/photos/astronaut.png");
        assertThat(gets.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }

    private String manifestUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/catalog/manifest.csv";
    }
}
