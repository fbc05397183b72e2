package io.backdrop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.model.RowRecord;
import io.backdrop.model.RowRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.junit.jupiter.api.Test;

class ResultsCsvTest {

    @Test
    void aFileIsWrittenWholeAtTheEndNotFlushedRowByRow() throws IOException {
        CountingWriter file = new CountingWriter(0);
        try (ResultsCsv results = new ResultsCsv(file)) {
            for (int row = 1; row <= 500; row++) {
                results.add(rejected(row));
            }
            assertThat(file.flushes).as("flushes before the end").isZero();
        }
        assertThat(file.text).startsWith("row,id,image,status").contains("\n500,row-500,");
        assertThat(file.text.toString().lines()).hasSize(501);
    }

    @Test
    void aFileThatCannotBeWrittenStopsTheRowThatFoundOut() {
        // Fails once 2,000 characters are in: about a dozen rows.
        ResultsCsv results = new ResultsCsv(new CountingWriter(2_000));
        assertThatThrownBy(() -> {
            for (int row = 1; row <= 100; row++) {
                results.add(rejected(row));
            }
        }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write results.csv");
    }

    @Test
    void aConsoleShowsEachRowAsItComes() {
        StringWriter shown = new StringWriter();
        ResultsCsv results = new ResultsCsv(new PrintWriter(shown), line -> line);
        results.add(rejected(1));
        assertThat(shown.toString()).contains("\n1,row-1,images/photo-1.png,REJECTED");
    }

    private static RowRecord rejected(int row) {
        return RowRecord.rejected(1, 1, row, row + 1, "row-" + row, "images/photo-" + row + ".png",
                "row " + row + ", column size: 999x999 is not a size the API accepts", new RowRequest("a prompt", "999x999", "low", "auto"));
    }

    /** A file's writer that counts its flushes and, past a length, fails as a full disk does. */
    private static final class CountingWriter extends Writer {

        private final StringBuilder text = new StringBuilder();
        private final int failAfter;
        private int flushes;

        CountingWriter(int failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            if (failAfter > 0 && text.length() + length > failAfter) {
                throw new IOException("No space left on device");
            }
            text.append(buffer, offset, length);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
        }
    }
}
