package io.backdrop.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.storage.SourceNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestScanTest {

    @TempDir
    Path dir;

    @Test
    void countsRowsAndNamesColumns() throws IOException {
        Path csv = write("id,image,prompt,colour\na,a.png,\"x\ny\",red\nb,b.png,z,blue\n\n");

        ManifestScan scan = ManifestScan.scan("manifest.csv", () -> Files.newInputStream(csv));

        assertThat(scan.rows()).isEqualTo(2);
        assertThat(scan.columns()).containsExactly("id", "image", "prompt", "colour");
    }

    @Test
    void reportsAMalformedRecordFarDownTheFile() throws IOException {
        StringBuilder content = new StringBuilder("id,image\n");
        for (int i = 1; i <= 500; i++) {
            content.append("sku-").append(i).append(",img-").append(i).append(".png\n");
        }
        content.append("broken\n");
        Path csv = write(content.toString());

        assertThatThrownBy(() -> ManifestScan.scan("s3://bucket/manifest.csv", () -> Files.newInputStream(csv)))
                .isInstanceOf(ManifestFormatException.class)
                .hasMessage("s3://bucket/manifest.csv line 502: has 1 field, the header has 2");
    }

    @Test
    void aManifestThatCannotBeOpenedIsAnIOException() {
        assertThatThrownBy(() -> ManifestScan.scan("missing.csv", () -> {
            throw new SourceNotFoundException("missing.csv");
        })).isInstanceOf(SourceNotFoundException.class).hasMessageContaining("missing.csv");
    }

    @Test
    void streamsAManifestLargerThanItsRecordsWouldFitAsStrings() throws IOException {
        // A generated stream of 200,000 rows, never materialised as a file or a string.
        int rows = 200_000;
        InputStream generated = new InputStream() {
            private final byte[] header = "id,image,prompt\n".getBytes(StandardCharsets.UTF_8);
            private int row;
            private byte[] current = header;
            private int pos;

            @Override
            public int read() {
                if (pos == current.length) {
                    if (row == rows) {
                        return -1;
                    }
                    row++;
                    current = ("sku-" + row + ",img-" + row + ".png,\"a prompt, with a comma\"\n")
                            .getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                }
                return current[pos++] & 0xFF;
            }
        };

        ManifestScan scan = ManifestScan.scan("generated.csv", () -> generated);

        assertThat(scan.rows()).isEqualTo(rows);
    }

    private Path write(String content) throws IOException {
        Path csv = dir.resolve("manifest.csv");
        Files.writeString(csv, content, StandardCharsets.UTF_8);
        return csv;
    }
}
