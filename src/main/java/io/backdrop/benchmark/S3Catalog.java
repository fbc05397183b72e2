package io.backdrop.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A nightly catalog in S3: {@code rows} photos, each its own content (the benchmark photo with the
 * row's number after its end, so that each row is its own paid work, as in a real catalog), under
 * {@code images/}, and a manifest beside them.
 */
final class S3Catalog {

    /** The row's number and the photo's version after the PNG's end, {@link #photo}'s "%07d%d". */
    private static final int TAIL_BYTES = 8;

    private final S3Client s3;
    private final String bucket;
    private final String folder;
    private final byte[] photo;

    S3Catalog(S3Client s3, String bucket, String folder) throws IOException {
        this.s3 = s3;
        this.bucket = bucket;
        this.folder = folder;
        this.photo = png();
    }

    /** The size of each photo in the catalog. */
    static long photoBytes() throws IOException {
        return png().length + TAIL_BYTES;
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(BenchmarkManifest.photo(), "png", png);
        return png.toByteArray();
    }

    String manifest() {
        return "s3://" + bucket + "/" + folder + BenchmarkManifest.MANIFEST;
    }

    /** The catalog's folder in the bucket: its manifest's photo paths are relative to it. */
    String folder() {
        return folder;
    }

    String imageKey(int row) {
        return folder + "images/" + String.format("row-%06d.png", row);
    }

    /** Uploads the photos (with {@code parallel} uploads at once) and the manifest. */
    void write(int rows, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Callable<Object>> uploads = IntStream.rangeClosed(1, rows)
                    .<Callable<Object>>mapToObj(row -> () -> put(imageKey(row), photo(row, 0))).toList();
            for (Future<Object> done : pool.invokeAll(uploads)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        StringBuilder manifest = new StringBuilder(BenchmarkManifest.HEADER + "\n");
        for (int row = 1; row <= rows; row++) {
            manifest.append(String.format("row-%06d,images/row-%06d.png,,,,%n", row, row));
        }
        put(folder + BenchmarkManifest.MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces a row's photo under its key with other content of the same size. */
    void change(int row) {
        put(imageKey(row), photo(row, 1));
    }

    byte[] photo(int row, int version) {
        byte[] content = Arrays.copyOf(photo, photo.length + TAIL_BYTES);
        byte[] tail = String.format("%07d%d", row, version).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, content, photo.length, tail.length);
        return content;
    }

    private Object put(String key, byte[] content) {
        return s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }
}
