package io.backdrop.report;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import io.backdrop.model.RowRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

/**
 * Writes results.csv: one line per row of the job instance, in manifest order. Rows an
 * execution left unfinished (it failed or was stopped) show as PENDING; the restart finishes them.
 * A cell that would start a spreadsheet formula is neutralised ({@link FormulaNeutralizer}).
 */
public final class ResultsCsv implements AutoCloseable {

    static final String[] HEADER = {"row", "id", "image", "status", "output", "remote_path", "ai_record_uuid",
            "attempts", "in_doubt_calls", "error"};

    private final ICSVWriter csv;
    private final UnaryOperator<String> shown;
    private final boolean console;

    public ResultsCsv(Writer writer) {
        this(writer, UnaryOperator.identity());
    }

    /** @param shown what every cell goes through before it is written, e.g. escaping for a terminal */
    public ResultsCsv(Writer writer, UnaryOperator<String> shown) {
        this.shown = shown;
        this.console = writer instanceof PrintWriter;
        this.csv = new CSVWriterBuilder(writer).withLineEnd("\n").build();
        csv.writeNext(HEADER, false);
    }

    public void add(RowRecord record) {
        // Neutralised: ids, images and errors come from outside and must not run as formulas.
        csv.writeNext(FormulaNeutralizer.cells(shown, new String[] {
                Integer.toString(record.row()),
                record.id(),
                record.image(),
                statusOf(record),
                orEmpty(record.output()),
                orEmpty(record.resultPath()),
                orEmpty(record.aiRecordUuid()),
                Integer.toString(record.attempts()),
                Integer.toString(record.inDoubtCalls()),
                orEmpty(record.error())}), false);
        // A file's writer keeps its own error, and is flushed once, at the end: checkError() flushes,
        // which made a disk write of every row. A console's PrintWriter keeps none, and shows each
        // row as it comes: there checkError() is the only way to see a closed pipe.
        if (console ? csv.checkError() : csv.getException() != null) {
            throw new UncheckedIOException(new IOException("cannot write results.csv", csv.getException()));
        }
    }

    /** The status results.csv shows: the final one, or PENDING for a row still in the middle of its work. */
    public static String statusOf(RowRecord record) {
        return record.status().shown();
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
