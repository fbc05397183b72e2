package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.storage.S3ClientFactory;
import io.backdrop.storage.S3ServerExtension;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.SamplePhotos;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The nightly re-run in S3: a photo whose ETag and size are unchanged is not read again (by the
 * run or by {@code plan}), a photo replaced under its key with the same size is noticed and paid
 * for once, and {@code --rehash-sources} reads everything. Reads are counted by the S3 server's
 * own access log; payments by the sandbox. {@link LocalNightlyRerunTest} does the same for files.
 */
class NightlyRerunTest {

    private static final String BUCKET = "nightly";
    private static final String KEY = "nightly-test-key";
    private static final Map<String, String> AWS = Map.of("AWS_ACCESS_KEY_ID", "backdrop",
            "AWS_SECRET_ACCESS_KEY", "backdrop-secret", "AWS_REGION", "us-east-1");

    @RegisterExtension
    static final S3ServerExtension S3MOCK = S3ServerExtension.s3Mock(BUCKET).withAccessLog();

    private static S3ClientFactory clients;

    @TempDir
    Path work;

    private SandboxServer sandbox;
    private TestDatabase database;
    private CommandLineRun backdrop;

    @BeforeAll
    static void client() {
        clients = S3ClientFactory.standard(S3MOCK.endpoint().toString(), AWS);
    }

    @AfterAll
    static void closeClient() {
        if (clients != null) {
            clients.close();
        }
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private void start() throws IOException {
        sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey(KEY));
        database = TestDatabase.h2(work);
        Map<String, String> environment = new HashMap<>(AWS);
        environment.put("ONEMIN_API_KEY", KEY);
        backdrop = CommandLineRun.on(database).withEnvironment(environment);
    }

    @Test
    void s3PhotoReplacedUnderItsKeyIsPaidAgainAndUnchangedOnesAreNotRead() throws Exception {
        start();
        String folder = "catalog-" + UUID.randomUUID() + "/";
        put(folder + "images/coffee.png", variant('A'));
        put(folder + "images/chelsea.png", SamplePhotos.read("chelsea.png"));
        put(folder + "images/rocket.jpg", SamplePhotos.read("rocket.jpg"));
        put(folder + "manifest.csv", """
                id,image,prompt,size,quality
                cup,images/coffee.png,a marble counter,1024x1024,low
                cat,images/chelsea.png,a grey studio,1024x1024,low
                rocket,images/rocket.jpg,a night sky,1024x1024,low
                """.getBytes(StandardCharsets.UTF_8));
        String manifest = "s3://" + BUCKET + "/" + folder + "manifest.csv";
        String output = "s3://" + BUCKET + "/" + folder + "out";

        var first = s3Run(manifest, output);
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(3);

        int before = S3MOCK.requests().size();
        var plan = backdrop.execute("plan", "--manifest", manifest, "--s3-endpoint", S3MOCK.endpoint().toString());
        var second = s3Run(manifest, output);
        List<String> served = S3MOCK.requests().subList(before, S3MOCK.requests().size());

        assertThat(plan.out()).as(plan.out() + plan.err()).contains("Reusable:   3").contains("To pay for: 0");
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(s3Results(folder + "out/")).extracting(r -> r.get("status"))
                .containsOnly("REUSED");
        assertThat(sandbox.stats().paidCalls()).isEqualTo(3);
        assertThat(reads(served, folder + "images/")).as("photos read by plan and the re-run: " + served).isEmpty();
        assertThat(writes(served, folder + "out/")).as("results already in place are not written again")
                // the run's own files, and the writability probe every run makes at start (and deletes)
                .allMatch(request -> request.contains("/runs/") || request.contains("/.backdrop-probe-"));

        put(folder + "images/coffee.png", variant('B'));
        var changedPlan = backdrop.execute("plan", "--manifest", manifest, "--s3-endpoint", S3MOCK.endpoint().toString());
        var third = s3Run(manifest, output);

        assertThat(changedPlan.out()).contains("Reusable:   2").contains("To pay for: 1");
        assertThat(third.exitCode()).as(third.out() + third.err()).isZero();
        assertThat(sandbox.stats().paidCalls()).as("the replaced photo, and only it, is paid again").isEqualTo(4);
        assertThat(s3Results(folder + "out/")).extracting(r -> r.get("status"))
                .containsExactly("SUCCEEDED", "REUSED", "REUSED");

        before = S3MOCK.requests().size();
        var rehashed = s3Run(manifest, output, "--rehash-sources");
        served = S3MOCK.requests().subList(before, S3MOCK.requests().size());

        assertThat(rehashed.exitCode()).as(rehashed.out() + rehashed.err()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(4);
        assertThat(reads(served, folder + "images/")).as("--rehash-sources reads every photo")
                .anyMatch(request -> request.endsWith("coffee.png"))
                .anyMatch(request -> request.endsWith("chelsea.png"))
                .anyMatch(request -> request.endsWith("rocket.jpg"));
    }

    private CommandLineRun.Outcome s3Run(String manifest, String output, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--manifest", manifest, "--output", output,
                "--api-base-url", sandbox.baseUrl().toString(), "--s3-endpoint", S3MOCK.endpoint().toString(),
                // The contact sheet still reads every source for its thumbnails (issue 18 moves that
                // into the workers); what is counted here is what the run's rows read.
                "--backdrop.report.contact-sheet=false"));
        args.addAll(List.of(more));
        return backdrop.execute(args.toArray(String[]::new));
    }

    /** The sample photo with 16 bytes after its end: two variants differ in content, not in size. */
    static byte[] variant(char fill) throws IOException {
        byte[] photo = SamplePhotos.read("coffee.png");
        byte[] padded = Arrays.copyOf(photo, photo.length + 16);
        Arrays.fill(padded, photo.length, padded.length, (byte) fill);
        return padded;
    }

    /** GETs of objects under the prefix (HEADs and listings do not read a photo). */
    private static List<String> reads(List<String> requests, String prefix) {
        return requests.stream().filter(request -> request.startsWith("GET /" + BUCKET + "/" + prefix)).toList();
    }

    private static List<String> writes(List<String> requests, String prefix) {
        return requests.stream().filter(request -> request.startsWith("PUT /" + BUCKET + "/" + prefix))
                .collect(Collectors.toList());
    }

    /** The rows of the newest execution's results.csv under an S3 output prefix. */
    private List<Map<String, String>> s3Results(String prefix) throws IOException {
        String newest = clients.get().listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix + "runs/")).contents().stream()
                .map(object -> object.key()).filter(key -> key.endsWith("/results.csv"))
                .max(java.util.Comparator.comparingLong(key -> Long.parseLong(key.split("/")[key.split("/").length - 2])))
                .orElseThrow();
        Path copy = work.resolve("results-" + UUID.randomUUID() + ".csv");
        Files.write(copy, clients.get().getObjectAsBytes(r -> r.bucket(BUCKET).key(newest)).asByteArray());
        return ResultsFiles.read(copy);
    }

    private static void put(String key, byte[] content) {
        clients.get().putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
    }
}
