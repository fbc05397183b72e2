package io.backdrop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local file's identity: what changes it, and when a read may be recorded under it. */
class LocalSourceStoreIdentityTest {

    @TempDir
    Path folder;

    @Test
    void rewritingInPlaceWithTheSameSizeAndTheOldModificationTimeChangesTheIdentity() throws IOException {
        Path photo = Files.write(folder.resolve("photo.png"), bytes('A'));
        LocalSourceStore store = new LocalSourceStore();
        Optional<String> before = store.identity(photo.toUri());
        FileTime modified = Files.getLastModifiedTime(photo);

        Files.write(photo, bytes('B'), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        Files.setLastModifiedTime(photo, modified);

        assertThat(before).isPresent();
        assertThat(Files.getLastModifiedTime(photo)).isEqualTo(modified);
        assertThat(store.identity(photo.toUri())).isPresent().isNotEqualTo(before);
    }

    @Test
    void aReadIsRecordedOnlyWhenTheFileDidNotChangeSinceAndItsLastChangeHasSettled() throws IOException {
        Path photo = Files.write(folder.resolve("photo.png"), bytes('A'));
        Instant changed = ((FileTime) Files.getAttribute(photo, "unix:ctime")).toInstant();

        assertThat(readIdentity(photo, changed.plusMillis(10))).as("changed within the time resolution").isEmpty();
        assertThat(readIdentity(photo, changed.plus(Duration.ofSeconds(3))))
                .isEqualTo(new LocalSourceStore().identity(photo.toUri()));

        LocalSourceStore later = new LocalSourceStore(Clock.fixed(changed.plus(Duration.ofSeconds(3)), ZoneOffset.UTC));
        try (SourceRead read = later.read(photo.toUri())) {
            read.stream().readAllBytes();
            Files.write(photo, bytes('B'), StandardOpenOption.APPEND);
            assertThat(read.identity()).as("changed while it was read").isEmpty();
        }
    }

    private static Optional<String> readIdentity(Path photo, Instant now) throws IOException {
        try (SourceRead read = new LocalSourceStore(Clock.fixed(now, ZoneOffset.UTC)).read(photo.toUri());
             InputStream stream = read.stream()) {
            stream.readAllBytes();
            return read.identity();
        }
    }

    private static byte[] bytes(char fill) {
        byte[] content = new byte[64];
        java.util.Arrays.fill(content, (byte) fill);
        return content;
    }
}
