package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.storage.SourceObject;
import io.backdrop.storage.SourceRead;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote source staged for a row: read from its storage once, and not at all when it declares itself too large. */
class StagedSourceTest {

    @TempDir
    Path work;

    /** A remote object that counts the GETs made of it, declaring its length or not. */
    private static final class Remote implements SourceObject {

        private final byte[] content;
        private final long declared;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger bytesServed = new AtomicInteger();

        Remote(byte[] content, long declared) {
            this.content = content;
            this.declared = declared;
        }

        @Override
        public URI location() {
            return URI.create("s3://bucket/photo.png");
        }

        @Override
        public long size() {
            return content.length;
        }

        @Override
        public InputStream open() {
            reads.incrementAndGet();
            return counted(new ByteArrayInputStream(content));
        }

        @Override
        public InputStream openFrom(long offset) {
            reads.incrementAndGet();
            ByteArrayInputStream in = new ByteArrayInputStream(content);
            in.skip(offset);
            return counted(in);
        }

        @Override
        public Optional<String> identity() {
            return Optional.of("etag");
        }

        @Override
        public SourceRead read() {
            reads.incrementAndGet();
            return new SourceRead(counted(new ByteArrayInputStream(content)), () -> Optional.of("etag"), declared);
        }

        private InputStream counted(InputStream in) {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        bytesServed.incrementAndGet();
                    }
                    return b;
                }
            };
        }
    }

    @Test
    void aRemoteSourceIsReadOnceForItsSizeItsEndsAndItsWholeContent() throws IOException {
        byte[] content = "0123456789".getBytes();
        Remote remote = new Remote(content, content.length);

        try (StagedSource source = new StagedSource(remote, work, 100)) {
            assertThat(source.size()).isEqualTo(10);
            try (InputStream end = source.openFrom(7)) {
                assertThat(end.readAllBytes()).isEqualTo("789".getBytes());
            }
            try (SourceRead whole = source.read()) {
                assertThat(whole.stream().readAllBytes()).isEqualTo(content);
                assertThat(whole.identity()).contains("etag");
            }
        }

        assertThat(remote.reads).hasValue(1);
        try (var left = Files.list(work)) {
            assertThat(left).as("the copy is deleted with the row").isEmpty();
        }
    }

    @Test
    void aSourceDeclaringMoreThanTheCapIsNotCopied() throws IOException {
        Remote remote = new Remote(new byte[200], 200);

        try (StagedSource source = new StagedSource(remote, work, 100)) {
            assertThat(source.size()).isEqualTo(200);
        }

        assertThat(remote.bytesServed).as("not a byte copied").hasValue(0);
    }

    @Test
    void aSourceDeclaringNoLengthIsCopiedNoFurtherThanTheCap() throws IOException {
        Remote remote = new Remote(new byte[300_000], -1);

        try (StagedSource source = new StagedSource(remote, work, 100)) {
            assertThat(source.size()).isEqualTo(300_000);
        }

        // Copying stops within one buffer of passing the cap, not at the end of the object.
        assertThat(remote.bytesServed.get()).isLessThanOrEqualTo(64 * 1024);
    }
}
