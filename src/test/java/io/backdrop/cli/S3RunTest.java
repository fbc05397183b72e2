package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.storage.S3ClientFactory;
import io.backdrop.storage.S3ServerExtension;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.SamplePhotos;
import io.backdrop.support.TestDatabase;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code run} and {@code restart} through the console with the manifest, the images and the
 * results in S3 (S3Mock as a process), one image on a plain http server (on loopback, so allowed
 * as a user allows an internal image server), the API in the sandbox,
 * and job state on H2 and on the machine's PostgreSQL server.
 */
class S3RunTest {

    private static final String BUCKET = "catalog";
    private static final String API_KEY = "s3-run-test-key";
    /** S3Mock takes any keys; giving them keeps the SDK's default chain from looking further (no metadata address). */
    private static final Map<String, String> AWS = Map.of("AWS_ACCESS_KEY_ID", "backdrop",
            "AWS_SECRET_ACCESS_KEY", "backdrop-secret", "AWS_REGION", "us-east-1");

    @RegisterExtension
    static final S3ServerExtension S3MOCK = S3ServerExtension.s3Mock(BUCKET);

    private static S3ClientFactory clients;
    private static SandboxServer sandbox;
    private static HttpServer photos;
    private static final AtomicInteger photoRequests = new AtomicInteger();
    private static final AtomicInteger photoGets = new AtomicInteger();

    @TempDir
    Path work;

    private final List<TestDatabase> databases = new ArrayList<>();

    @BeforeAll
    static void startServers() throws IOException {
        clients = S3ClientFactory.standard(S3MOCK.endpoint().toString(), AWS);
        sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey(API_KEY));
        photos = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        photos.createContext("/photos/", exchange -> {
            photoRequests.incrementAndGet();
            Path photo = Path.of("sample-manifests/images").resolve(exchange.getRequestURI().getPath().substring("/photos/".length()));
            try (exchange) {
                if (!Files.isRegularFile(photo)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                boolean head = exchange.getRequestMethod().equals("HEAD");
                if (!head) {
                    photoGets.incrementAndGet();
                }
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, head ? -1 : Files.size(photo));
                if (!head) {
                    try (OutputStream body = exchange.getResponseBody()) {
                        Files.copy(photo, body);
                    }
                }
            }
        });
        photos.start();

        put("catalog/images/coffee.png", SamplePhotos.read("coffee.png"));
        put("catalog/images/chelsea.png", SamplePhotos.read("chelsea.png"));
        put("elsewhere/rocket.jpg", SamplePhotos.read("rocket.jpg"));
        put("catalog/manifest.csv", ("""
                id,image,prompt,size,quality,background
                espresso,images/coffee.png,"a marble counter, soft light",1536x1024,low,auto
                cat,images/chelsea.png,a grey studio,1024x1024,low,
                rocket,s3://catalog/elsewhere/rocket.jpg,a sunset over the sea,1024x1024,low,auto
                astronaut,%s/photos/astronaut.png,a dark blue gradient,1024x1024,low,opaque
                """.formatted(photosUrl())).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopServers() {
        if (photos != null) {
            photos.stop(0);
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (clients != null) {
            clients.close();
        }
    }

    @AfterEach
    void dropDatabases() {
        databases.forEach(TestDatabase::close);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void publishesEveryRowToS3WithTypeMetadataAndChecksum(TestDatabase.Kind kind) throws Exception {
        CommandLineRun backdrop = console(kind);
        String prefix = "out/" + UUID.randomUUID() + "/";
        int photoRequestsBefore = photoRequests.get();

        var outcome = backdrop.execute("run", "--allow-source-host", "127.0.0.1", "--manifest", "s3://catalog/catalog/manifest.csv",
                "--output", "s3://catalog/" + prefix, "--api-base-url", sandbox.baseUrl().toString(),
                "--s3-endpoint", S3MOCK.endpoint().toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("4 succeeded").contains("s3://catalog/" + prefix);
        assertThat(photoRequests.get()).as("the http image was fetched").isGreaterThan(photoRequestsBefore);
        long executionId = onlyExecutionUnder(prefix);
        List<String> ids = List.of("espresso", "cat", "rocket", "astronaut");
        for (int row = 1; row <= ids.size(); row++) {
            String key = prefix + ids.get(row - 1) + ".png";
            HeadObjectResponse head = clients.get().headObject(r -> r.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
            byte[] bytes = clients.get().getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
            assertThat(head.contentType()).as(key).isEqualTo("image/png");
            assertThat(head.metadata()).as(key).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "backdrop-execution-id", Long.toString(executionId),
                    "backdrop-row", Integer.toString(row),
                    "backdrop-id", ids.get(row - 1)));
            assertThat(head.checksumSHA256()).as(key).isEqualTo(sha256Base64(bytes));
            assertThat(ImageIO.read(new ByteArrayInputStream(bytes))).as(key).isNotNull();
        }
        assertThat(dimensions(prefix + "espresso.png")).containsExactly(1536, 1024);
        assertThat(dimensions(prefix + "astronaut.png")).containsExactly(1024, 1024);

        List<Map<String, String>> results = results(prefix + "runs/" + executionId + "/results.csv");
        assertThat(results).extracting(r -> r.get("id")).containsExactlyElementsOf(ids);
        assertThat(results).extracting(r -> r.get("status")).containsOnly("SUCCEEDED");
        assertThat(results).extracting(r -> r.get("output"))
                .containsExactlyElementsOf(ids.stream().map(id -> "s3://catalog/" + prefix + id + ".png").toList());
        assertThat(results).extracting(r -> r.get("image")).containsExactly("images/coffee.png", "images/chelsea.png",
                "s3://catalog/elsewhere/rocket.jpg", photosUrl() + "/photos/astronaut.png");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aSecondRunOnTheSameDatabaseFindsTheSchemaInPlace(TestDatabase.Kind kind) throws Exception {
        CommandLineRun backdrop = console(kind);
        String manifest = "catalog/one-row-" + UUID.randomUUID() + ".csv";
        put(manifest, "id,image,prompt,size,quality\nmug,images/coffee.png,a shelf,1024x1024,low\n".getBytes(StandardCharsets.UTF_8));

        for (int run = 1; run <= 2; run++) {
            String prefix = "out/" + UUID.randomUUID() + "/";
            var outcome = backdrop.execute("run", "--allow-source-host", "127.0.0.1", "--manifest", "s3://catalog/" + manifest, "--output", "s3://catalog/" + prefix,
                    "--api-base-url", sandbox.baseUrl().toString(), "--s3-endpoint", S3MOCK.endpoint().toString());

            assertThat(outcome.exitCode()).as("run " + run + ": " + outcome.out() + outcome.err()).isZero();
            assertThat(onlyExecutionUnder(prefix)).isEqualTo(run);
        }
        // Each migration applied once, by the first run: version 1 (Spring Batch's tables), 2 (the ledger) and any later.
        assertThat(migrations(databases.get(0))).startsWith("1 true", "2 true").containsExactlyElementsOf(shippedMigrations());
    }

    @Test
    void restartTakesTheS3EndpointOptionToo() throws Exception {
        CommandLineRun backdrop = console(TestDatabase.Kind.H2);
        String bucket = "later-" + UUID.randomUUID().toString().substring(0, 8);
        String[] api = {"--api-base-url", sandbox.baseUrl().toString(), "--s3-endpoint", S3MOCK.endpoint().toString()};

        clients.get().createBucket(r -> r.bucket(bucket));
        // Stopped by its budget after one paid call: a missing bucket is now refused before the job starts.
        var stopped = backdrop.execute(concat(new String[] {"run", "--allow-source-host", "127.0.0.1", "--manifest", "s3://catalog/catalog/manifest.csv",
                "--output", "s3://" + bucket + "/out", "--max-images", "1"}, api));

        assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(stopped.out()).contains("s3://" + bucket + "/out");

        // The restart keeps the first run's budget unless told otherwise.
        var restarted = backdrop.execute(concat(new String[] {"restart", "1", "--allow-source-host", "127.0.0.1",
                "--max-images", "10"}, api));

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(clients.get().headObject(r -> r.bucket(bucket).key("out/espresso.png")).metadata())
                .containsEntry("backdrop-id", "espresso");
        assertThat(clients.get().headObject(r -> r.bucket(bucket).key("out/runs/2/results.csv")).contentType())
                .startsWith("text/csv");
    }

    @Test
    void planReadsAnS3ManifestWithTheEndpointOption() {
        CommandLineRun backdrop = console(TestDatabase.Kind.H2);

        var plan = backdrop.execute("plan", "--allow-source-host", "127.0.0.1", "--manifest", "s3://catalog/catalog/manifest.csv", "--output", "s3://catalog/out/plan/",
                "--s3-endpoint", S3MOCK.endpoint().toString());

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("Plan for s3://catalog/catalog/manifest.csv").contains("4 total, 4 valid, 0 rejected");
    }

    @Test
    void missingBucketOrKeyIsAUsageErrorNamingTheUri() {
        // The endpoint from the standard variable this time, not the option.
        CommandLineRun backdrop = console(TestDatabase.Kind.H2).withEnvironment(withEndpointVariable());
        String noBucket = "s3://no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8) + "/manifest.csv";
        String noKey = "s3://catalog/catalog/no-such-manifest.csv";

        for (String manifest : List.of(noBucket, noKey)) {
            var outcome = runInto(backdrop, manifest);

            assertThat(outcome.exitCode()).as(manifest + ": " + outcome.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(outcome.err()).contains("cannot read the manifest " + manifest).contains("not found");
            assertNoStackTrace(outcome);
        }
    }

    @Test
    void anOutputBucketThatDoesNotExistIsAUsageErrorBeforeAnyCall() {
        CommandLineRun backdrop = console(TestDatabase.Kind.H2).withEnvironment(withEndpointVariable());
        String output = "s3://no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8) + "/out";
        long uploadsBefore = sandbox.stats().uploads();

        var outcome = backdrop.execute("run", "--manifest", "s3://catalog/catalog/manifest.csv", "--output", output,
                "--api-base-url", sandbox.baseUrl().toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("cannot write to the output " + output + ": ").contains("does not exist");
        assertNoStackTrace(outcome);
        assertThat(sandbox.stats().uploads()).as("nothing was sent to the API").isEqualTo(uploadsBefore);
    }

    @Test
    void anS3LocationWithoutABucketIsAUsageError() {
        CommandLineRun backdrop = console(TestDatabase.Kind.H2).withEnvironment(withEndpointVariable());

        var noManifestBucket = runInto(backdrop, "s3://");
        var noOutputBucket = backdrop.execute("run", "--allow-source-host", "127.0.0.1", "--manifest", "s3://catalog/catalog/manifest.csv", "--output", "s3:///out",
                "--api-base-url", sandbox.baseUrl().toString());

        assertThat(noManifestBucket.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noManifestBucket.err()).contains("needs a bucket: s3://");
        assertNoStackTrace(noManifestBucket);
        assertThat(noOutputBucket.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noOutputBucket.err()).contains("needs a bucket: s3:///out");
        assertNoStackTrace(noOutputBucket);
    }

    @Test
    void aManifestThatIsNotCsvIsAUsageErrorNamingTheUri() throws IOException {
        CommandLineRun backdrop = console(TestDatabase.Kind.H2).withEnvironment(withEndpointVariable());
        put("catalog/photo-not-manifest.csv", SamplePhotos.read("coffee.png"));
        put("catalog/wrong-header.csv", "sku,photo\n1,images/coffee.png\n".getBytes(StandardCharsets.UTF_8));

        var binary = runInto(backdrop, "s3://catalog/catalog/photo-not-manifest.csv");
        var wrongHeader = runInto(backdrop, "s3://catalog/catalog/wrong-header.csv");

        assertThat(binary.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(binary.err()).contains("s3://catalog/catalog/photo-not-manifest.csv line 1").contains("not valid UTF-8");
        assertNoStackTrace(binary);
        assertThat(wrongHeader.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongHeader.err()).contains("s3://catalog/catalog/wrong-header.csv line 1").contains("no 'image' column");
        assertNoStackTrace(wrongHeader);
    }

    @Test
    void aRemoteImageIsFetchedOnceForItsRulesHashingAndUploading() throws Exception {
        CommandLineRun backdrop = console(TestDatabase.Kind.H2);
        put("catalog/one-remote.csv", ("id,image,prompt,size,quality\nremote,%s/photos/coffee.png,a shelf,1024x1024,low\n"
                .formatted("http://127.0.0.1:" + photos.getAddress().getPort())).getBytes(StandardCharsets.UTF_8));
        int before = photoGets.get();

        var outcome = backdrop.execute("run", "--allow-source-host", "127.0.0.1", "--manifest", "s3://catalog/catalog/one-remote.csv", "--output",
                "s3://catalog/out/" + UUID.randomUUID() + "/", "--api-base-url", sandbox.baseUrl().toString(),
                "--s3-endpoint", S3MOCK.endpoint().toString(), "--force", "--backdrop.report.contact-sheet=false");

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        // The worker stages the image with one GET; its rules (size, first bytes, end marker), its
        // fingerprint and its upload all read that copy.
        assertThat(photoGets.get() - before).isEqualTo(1);
    }

    @Test
    void theReportFetchesNoImageAgain() throws Exception {
        CommandLineRun backdrop = console(TestDatabase.Kind.H2);
        put("catalog/one-remote-reported.csv", ("id,image,prompt,size,quality\nremote,%s/photos/coffee.png,a shelf,1024x1024,low\n"
                .formatted("http://127.0.0.1:" + photos.getAddress().getPort())).getBytes(StandardCharsets.UTF_8));
        String[] run = {"run", "--allow-source-host", "127.0.0.1", "--manifest", "s3://catalog/catalog/one-remote-reported.csv", "--api-base-url",
                sandbox.baseUrl().toString(), "--s3-endpoint", S3MOCK.endpoint().toString(), "--force", "--output"};

        int before = photoGets.get();
        var without = backdrop.execute(with(run, "s3://catalog/out/" + UUID.randomUUID() + "/",
                "--backdrop.report.contact-sheet=false"));
        int withoutReport = photoGets.get() - before;
        before = photoGets.get();
        String output = "s3://catalog/out/" + UUID.randomUUID() + "/";
        var with = backdrop.execute(with(run, output));
        int withReport = photoGets.get() - before;

        assertThat(without.exitCode()).as(without.out() + without.err()).isZero();
        assertThat(with.exitCode()).as(with.out() + with.err()).isZero();
        // The thumbnails come from the bytes the worker staged; the prompt and size from the ledger.
        assertThat(withReport).isEqualTo(withoutReport);
        String html = clients.get().getObjectAsBytes(r -> r.bucket("catalog")
                .key(output.substring("s3://catalog/".length()) + "runs/2/report.html")).asUtf8String();
        assertThat(html).contains("<p class=\"prompt\">a shelf</p>")
                .containsPattern("<figure class=\"before\"><img src=\"data:image/jpeg;base64,");
    }

    private static String[] with(String[] arguments, String... more) {
        String[] all = java.util.Arrays.copyOf(arguments, arguments.length + more.length);
        System.arraycopy(more, 0, all, arguments.length, more.length);
        return all;
    }

    @Test
    void aMissingImageRejectsOnlyItsRowNamingTheUri() throws Exception {
        CommandLineRun backdrop = console(TestDatabase.Kind.H2).withEnvironment(withEndpointVariable());
        put("catalog/partly-missing.csv", """
                id,image,prompt,size,quality
                here,images/coffee.png,a shelf,1024x1024,low
                gone,images/missing.png,a shelf,1024x1024,low
                gone-too,s3://catalog/elsewhere/missing.jpg,a shelf,1024x1024,low
                """.getBytes(StandardCharsets.UTF_8));
        String prefix = "out/" + UUID.randomUUID() + "/";

        var outcome = backdrop.execute("run", "--allow-source-host", "127.0.0.1", "--manifest", "s3://catalog/catalog/partly-missing.csv",
                "--output", "s3://catalog/" + prefix, "--api-base-url", sandbox.baseUrl().toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(ExitCodes.ROWS_NOT_SUCCEEDED);
        List<Map<String, String>> results = results(prefix + "runs/" + onlyExecutionUnder(prefix) + "/results.csv");
        assertThat(results).extracting(r -> r.get("status")).containsExactly("SUCCEEDED", "REJECTED", "REJECTED");
        assertThat(results.get(1).get("error")).contains("does not exist").contains("s3://catalog/catalog/images/missing.png");
        assertThat(results.get(2).get("error")).contains("does not exist").contains("s3://catalog/elsewhere/missing.jpg");
        assertThat(results.get(1).get("attempts")).isEqualTo("0");
        assertThat(keysUnder(prefix)).contains(prefix + "here.png").doesNotContain(prefix + "gone.png", prefix + "gone-too.png");
    }

    private CommandLineRun console(TestDatabase.Kind kind) {
        TestDatabase database = kind.open(work);
        databases.add(database);
        Map<String, String> environment = new HashMap<>(AWS);
        environment.put("ONEMIN_API_KEY", API_KEY);
        return CommandLineRun.on(database).withEnvironment(environment);
    }

    private static Map<String, String> withEndpointVariable() {
        Map<String, String> environment = new HashMap<>(AWS);
        environment.put("ONEMIN_API_KEY", API_KEY);
        environment.put("AWS_ENDPOINT_URL_S3", S3MOCK.endpoint().toString());
        return environment;
    }

    private static CommandLineRun.Outcome runInto(CommandLineRun backdrop, String manifest) {
        return backdrop.execute("run", "--allow-source-host", "127.0.0.1", "--manifest", manifest, "--output", "s3://catalog/out/never/",
                "--api-base-url", sandbox.baseUrl().toString());
    }

    private static void assertNoStackTrace(CommandLineRun.Outcome outcome) {
        assertThat(outcome.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static String photosUrl() {
        return "http://127.0.0.1:" + photos.getAddress().getPort();
    }

    private static void put(String key, byte[] content) {
        clients.get().putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
    }

    private static List<String> keysUnder(String prefix) {
        return clients.get().listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    /** The execution id of the one results.csv under the prefix, published with its report.html beside it. */
    private static long onlyExecutionUnder(String prefix) {
        List<String> published = keysUnder(prefix + "runs/");
        List<String> results = published.stream().filter(key -> key.endsWith("/results.csv")).toList();
        assertThat(results).hasSize(1);
        String key = results.get(0);
        assertThat(published).containsExactlyInAnyOrder(key, key.replace("/results.csv", "/report.html"));
        return Long.parseLong(key.substring((prefix + "runs/").length(), key.length() - "/results.csv".length()));
    }

    private List<Map<String, String>> results(String key) throws IOException {
        Path local = work.resolve("results-" + UUID.randomUUID() + ".csv");
        Files.write(local, clients.get().getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray());
        return ResultsFiles.read(local);
    }

    private static int[] dimensions(String key) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                clients.get().getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray()));
        return new int[] {image.getWidth(), image.getHeight()};
    }

    private static String sha256Base64(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Flyway's history of migrations: "version success", in the order applied. */
    private static List<String> migrations(TestDatabase database) throws SQLException {
        List<String> applied = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                             // H2 also records Flyway's creation of the schema, a row without a version.
                             + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rows.next()) {
                applied.add(rows.getString(1) + " " + rows.getBoolean(2));
            }
        }
        return applied;
    }

    /** "1 true" for the Java migration of Spring Batch's tables, then one per SQL migration shipped, by version. */
    private static List<String> shippedMigrations() throws IOException {
        List<String> expected = new ArrayList<>(List.of("1 true"));
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .sorted()
                    .forEach(version -> expected.add(version + " true"));
        }
        return expected;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
