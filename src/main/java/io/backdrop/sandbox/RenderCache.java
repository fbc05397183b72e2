package io.backdrop.sandbox;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Rendered results as PNG files, each rendered once per {@link RenderKey}. Encoding a PNG costs tens
 * of milliseconds of CPU; a benchmark of ten thousand rows of one photo and prompt must measure the
 * client, not this. Concurrent calls for the same key wait for one rendering; the index is bounded
 * (least recently used first out) and the files stay on disk, named by key, so a key that fell out
 * finds its file again. At most {@code parallelRenders} renderings run at once, which bounds the
 * memory held by canvases whatever the number of calls in flight.
 */
final class RenderCache {

    /** Deflate level 1: most of a PNG's CPU goes to compression, and size does not matter here. */
    private static final float FAST_COMPRESSION = 0.85f;

    private final Path directory;
    private final BackgroundRenderer renderer;
    private final Semaphore renderings;
    private final Map<RenderKey, CompletableFuture<Path>> index;

    RenderCache(Path directory, BackgroundRenderer renderer, int capacity, int parallelRenders) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.renderer = renderer;
        this.renderings = new Semaphore(parallelRenders);
        this.index = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RenderKey, CompletableFuture<Path>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The PNG file for this key, rendered from {@code source} unless it already was. */
    Path render(Path source, RenderKey key) throws IOException, InterruptedException {
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> existing;
        synchronized (index) {
            existing = index.putIfAbsent(key, mine);
        }
        if (existing != null) {
            return await(existing);
        }
        try {
            Path file = directory.resolve(key.fileName());
            if (!Files.exists(file)) {
                write(source, key, file);
            }
            mine.complete(file);
            return file;
        } catch (IOException | InterruptedException | RuntimeException | Error failure) {
            synchronized (index) {
                index.remove(key, mine);
            }
            mine.completeExceptionally(failure);
            throw failure;
        }
    }

    private void write(Path source, RenderKey key, Path file) throws IOException, InterruptedException {
        renderings.acquire();
        try {
            BufferedImage image = renderer.render(source, key.prompt(), key.size());
            Path partial = Files.createTempFile(directory, "rendering-", ".part");
            try {
                encodePng(image, partial);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } finally {
            renderings.release();
        }
    }

    private static void encodePng(BufferedImage image, Path target) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (OutputStream out = Files.newOutputStream(target);
             ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(FAST_COMPRESSION);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static Path await(CompletableFuture<Path> rendering) throws IOException, InterruptedException {
        try {
            return rendering.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("rendering failed: " + cause, cause);
        }
    }
}
