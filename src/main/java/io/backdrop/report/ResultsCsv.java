package io.backdrop.report;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import io.backdrop.model.RowRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes results.csv: one line per row of the job instance, in manifest order. Rows an
 * execution left unfinished (it failed or was stopped) show as PENDING; the restart finishes them.
 */
public final class ResultsCsv implements AutoCloseable {

    static final String[] HEADER = {"row", "id", "image", "status", "output", "remote_path", "ai_record_uuid",
            "attempts", "error"};

    private final ICSVWriter csv;

    public ResultsCsv(Writer writer) {
        this.csv = new CSVWriterBuilder(writer).withLineEnd("\n").build();
        csv.writeNext(HEADER, false);
    }

    public void add(RowRecord record) {
        csv.writeNext(new String[] {
                Integer.toString(record.row()),
                record.id(),
                record.image(),
                statusOf(record),
                orEmpty(record.output()),
                orEmpty(record.resultPath()),
                orEmpty(record.aiRecordUuid()),
                Integer.toString(record.attempts()),
                orEmpty(record.error())}, false);
        if (csv.checkError()) {
            throw new UncheckedIOException(new IOException("cannot write results.csv"));
        }
    }

    /** The status results.csv shows: the final one, or PENDING for a row still in the middle of its work. */
    public static String statusOf(RowRecord record) {
        return record.status().finished() ? record.status().name() : "PENDING";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    public void flush() throws IOException {
        csv.flush();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
