package io.backdrop.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.model.ManifestRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

class ManifestItemReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsQuotedCommasQuotesAndNewlinesInsideAPrompt() throws Exception {
        Path csv = write("id,image,prompt\n"
                + "cup,cup.png,\"marble, soft light\"\n"
                + "cat,cat.png,\"a \"\"cozy\"\" sofa\"\n"
                + "rocket,rocket.jpg,\"line one\nline two, still \"\"quoted\"\"\"\n"
                + "back,back.png,C:\\temp\\no\\escapes\n");

        List<ManifestRow> rows = readAll(csv);

        assertThat(rows).extracting(r -> r.cell("prompt")).containsExactly(
                "marble, soft light",
                "a \"cozy\" sofa",
                "line one\nline two, still \"quoted\"",
                "C:\\temp\\no\\escapes");
        assertThat(rows).extracting(ManifestRow::row).containsExactly(1, 2, 3, 4);
    }

    @Test
    void countsPhysicalLinesAcrossAMultiLineRecord() throws Exception {
        Path csv = write("id,image,prompt\n"
                + "a,a.png,one\n"
                + "b,b.png,\"two\nthree\nfour\"\n"
                + "c,c.png,five\n");

        List<ManifestRow> rows = readAll(csv);

        assertThat(rows).extracting(ManifestRow::line).containsExactly(2L, 3L, 6L);
        assertThat(rows.get(2).cell("id")).isEqualTo("c");
    }

    @Test
    void acceptsAByteOrderMarkAndCrlfLineEnds() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "id,image,prompt\r\nsku-1,caf\u00e9.png,\"two\r\nlines\"\r\nsku-2,b.png,plain\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Path csv = dir.resolve("bom.csv");
        Files.write(csv, concat(bom, body));

        ManifestItemReader reader = reader(csv);
        reader.open(new ExecutionContext());
        List<ManifestRow> rows = drain(reader);

        assertThat(reader.columns()).containsExactly("id", "image", "prompt");
        reader.close();
        assertThat(rows.get(0).cells()).containsEntry("id", "sku-1").containsEntry("image", "caf\u00e9.png");
        assertThat(rows.get(0).cell("prompt")).isEqualTo("two\nlines");
        assertThat(rows.get(1).cell("prompt")).isEqualTo("plain");
        assertThat(rows).extracting(ManifestRow::line).containsExactly(2L, 4L);
    }

    @Test
    void keepsExtraColumnsInHeaderOrderAndTrimsHeaderNames() throws Exception {
        Path csv = write(" sku , Image ,prompt,  colour \nA1,a.png,p,red\n");

        ManifestRow row = readAll(csv).get(0);

        assertThat(row.cells().keySet()).containsExactly("sku", "image", "prompt", "colour");
        assertThat(row.cells()).containsEntry("sku", "A1").containsEntry("colour", "red");
        assertThat(row.cell("image")).isEqualTo("a.png");
        assertThat(row.cell("id")).isEmpty();
    }

    @Test
    void ignoresBlankLinesAtTheEnd() throws Exception {
        Path csv = write("image\na.png\nb.png\n\n\r\n\n");

        assertThat(readAll(csv)).extracting(r -> r.cell("image")).containsExactly("a.png", "b.png");
    }

    @Test
    void aBlankLineBetweenRecordsIsMalformed() throws Exception {
        Path csv = write("image,prompt\na.png,x\n\nb.png,y\n");

        assertThatThrownBy(() -> readAll(csv))
                .isInstanceOf(ManifestFormatException.class)
                .hasMessageStartingWith("manifest.csv line 3: blank line")
                .extracting(e -> ((ManifestFormatException) e).line()).isEqualTo(3L);
    }

    @Test
    void anUnterminatedQuoteNamesTheLineWhereTheRecordStarts() throws Exception {
        Path csv = write("id,image,prompt\n"
                + "a,a.png,fine\n"
                + "b,b.png,\"multi\nline\"\n"
                + "c,c.png,\"never closed\n"
                + "d,d.png,more\n");
        ManifestItemReader reader = reader(csv);
        reader.open(new ExecutionContext());

        assertThat(reader.read().cell("id")).isEqualTo("a");
        assertThat(reader.read().cell("id")).isEqualTo("b");
        assertThatThrownBy(reader::read)
                .isInstanceOf(ManifestFormatException.class)
                .hasMessageStartingWith("manifest.csv line 5: ")
                .hasMessageContaining("never closed")
                .extracting(e -> ((ManifestFormatException) e).line()).isEqualTo(5L);
        reader.close();
    }

    @Test
    void aRecordWithMoreOrFewerFieldsThanTheHeaderIsMalformed() throws Exception {
        Path tooMany = write("id,image,prompt\na,a.png,p\nb,b.png,p,extra\n");
        Path tooFew = write("id,image,prompt\n\"a\",\"a\npng\",p\nb,b.png\n");

        assertThatThrownBy(() -> readAll(tooMany))
                .isInstanceOf(ManifestFormatException.class)
                .hasMessage("manifest.csv line 3: has 4 fields, the header has 3");
        assertThatThrownBy(() -> readAll(tooFew))
                .isInstanceOf(ManifestFormatException.class)
                .hasMessage("manifest.csv line 4: has 2 fields, the header has 3");
    }

    @Test
    void theHeaderMustNameAnImageColumnOnceEach() throws Exception {
        assertThatThrownBy(() -> readAll(write("id,prompt\na,p\n")))
                .isInstanceOf(ItemStreamException.class)
                .cause().isInstanceOf(ManifestFormatException.class)
                .hasMessageContaining("line 1: header has no 'image' column");
        assertThatThrownBy(() -> readAll(write("id,image, id\na,b,c\n")))
                .cause().isInstanceOf(ManifestFormatException.class)
                .hasMessageContaining("line 1: header names the column 'id' twice");
        assertThatThrownBy(() -> readAll(write("")))
                .cause().isInstanceOf(ManifestFormatException.class)
                .hasMessageContaining("line 1: no header row");
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedOnTheirLine() throws Exception {
        byte[] head = "image,prompt\na.png,fine\nb.png,caf".getBytes(StandardCharsets.US_ASCII);
        byte[] latin1 = {(byte) 0xE9, '\n'};
        Path csv = dir.resolve("manifest.csv");
        Files.write(csv, concat(head, latin1));

        assertThatThrownBy(() -> readAll(csv))
                .isInstanceOf(ManifestFormatException.class)
                .hasMessage("manifest.csv line 3: is not valid UTF-8 (save the manifest as UTF-8)");
    }

    @Test
    void restartResumesAfterTheSavedCount() throws Exception {
        Path csv = write("id,image\na,a.png\nb,\"b\nb.png\"\nc,c.png\nd,d.png\n");
        ExecutionContext context = new ExecutionContext();

        ManifestItemReader first = reader(csv);
        first.open(context);
        first.read();
        first.read();
        first.update(context);
        first.close();

        ManifestItemReader restarted = reader(csv);
        restarted.open(context);
        ManifestRow next = restarted.read();
        restarted.close();

        assertThat(context.getInt("manifest.read.count")).isEqualTo(2);
        assertThat(next.cell("id")).isEqualTo("c");
        assertThat(next.row()).isEqualTo(3);
        assertThat(next.line()).isEqualTo(5L);
    }

    @Test
    void restartFromAnExecutionContextWrittenByAnEarlierExecution() throws Exception {
        Path csv = write("id,image\na,a.png\nb,b.png\nc,c.png\n");
        ExecutionContext saved = new ExecutionContext();
        saved.putInt("manifest.read.count", 1);

        ManifestItemReader reader = reader(csv);
        reader.open(saved);
        List<ManifestRow> rest = drain(reader);
        reader.close();

        assertThat(rest).extracting(r -> r.cell("id")).containsExactly("b", "c");
    }

    @Test
    void withoutSavedStateItNeitherWritesNorHonoursACount() throws Exception {
        Path csv = write("id,image\na,a.png\nb,b.png\n");
        ExecutionContext context = new ExecutionContext();
        context.putInt("manifest.read.count", 1);

        ManifestItemReader reader = reader(csv);
        reader.setSaveState(false);
        reader.open(context);
        ManifestRow first = reader.read();
        reader.read();
        ExecutionContext updated = new ExecutionContext();
        reader.update(updated);
        reader.close();

        assertThat(first.cell("id")).isEqualTo("a");
        assertThat(updated.isEmpty()).isTrue();
    }

    @Test
    void reopensTheResourceOnEveryOpenAndClosesIt() throws Exception {
        Path csv = write("image\na.png\n");
        AtomicInteger opened = new AtomicInteger();
        List<TrackedStream> streams = new ArrayList<>();
        ManifestItemReader reader = new ManifestItemReader("manifest.csv", () -> {
            opened.incrementAndGet();
            TrackedStream stream = new TrackedStream(Files.newInputStream(csv));
            streams.add(stream);
            return stream;
        });

        for (int run = 0; run < 2; run++) {
            reader.open(new ExecutionContext());
            assertThat(drain(reader)).hasSize(1);
            reader.close();
        }

        assertThat(opened).hasValue(2);
        assertThat(streams).allMatch(TrackedStream::closed);
    }

    private Path write(String content) throws IOException {
        return write("manifest.csv", content);
    }

    /** Each in its own folder, so that one test can hold several manifests all named manifest.csv. */
    private Path write(String name, String content) throws IOException {
        Path csv = Files.createTempDirectory(dir, "m").resolve(name);
        Files.writeString(csv, content, StandardCharsets.UTF_8);
        return csv;
    }

    private static ManifestItemReader reader(Path csv) {
        return new ManifestItemReader("manifest.csv", () -> Files.newInputStream(csv));
    }

    private static List<ManifestRow> readAll(Path csv) throws Exception {
        ManifestItemReader reader = reader(csv);
        reader.open(new ExecutionContext());
        try {
            return drain(reader);
        } finally {
            reader.close();
        }
    }

    private static List<ManifestRow> drain(ManifestItemReader reader) throws Exception {
        List<ManifestRow> rows = new ArrayList<>();
        for (ManifestRow row = reader.read(); row != null; row = reader.read()) {
            rows.add(row);
        }
        return rows;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static final class TrackedStream extends java.io.FilterInputStream {
        private boolean closed;

        TrackedStream(java.io.InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }

        boolean closed() {
            return closed;
        }
    }
}
