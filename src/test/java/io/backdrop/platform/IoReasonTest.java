package io.backdrop.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoReasonTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsSaidInWordsNotAsItsPathAgain() {
        Path missing = dir.resolve("nope.txt");

        IOException failure = assertThrows(NoSuchFileException.class,
                () -> Files.readString(missing));

        assertThat(IoReason.describe("cannot read", missing, failure))
                .isEqualTo("cannot read " + missing + ": no such file or directory");
    }

    @Test
    void eachKnownTypeHasItsWordsAndOtherFileSystemFailuresTheirReason() {
        assertThat(IoReason.of(new AccessDeniedException("/etc/key"))).isEqualTo("permission denied");
        assertThat(IoReason.of(new MalformedInputException(1))).isEqualTo("is not UTF-8 text");
        assertThat(IoReason.of(new FileSystemException("/data", null, "No space left on device")))
                .isEqualTo("no space left on device");
        assertThat(IoReason.of(new IOException("disk on fire"))).isEqualTo("disk on fire");
        assertThat(IoReason.of(new IOException())).isEqualTo("IOException");
    }
}
