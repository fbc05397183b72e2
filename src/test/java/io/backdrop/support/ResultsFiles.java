package io.backdrop.support;

import com.opencsv.CSVReaderHeaderAware;
import com.opencsv.exceptions.CsvValidationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Reads the results.csv files a job publishes under a local output folder. */
public final class ResultsFiles {

    private ResultsFiles() {
    }

    /** The rows of the newest execution's results.csv. */
    public static List<Map<String, String>> latest(Path output) throws IOException {
        return read(newest(output));
    }

    /** The newest execution's results.csv. */
    public static Path newest(Path output) throws IOException {
        try (var executions = Files.list(output.resolve("runs"))) {
            return executions.max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())))
                    .orElseThrow().resolve("results.csv");
        }
    }

    public static List<Map<String, String>> read(Path resultsCsv) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(resultsCsv);
             CSVReaderHeaderAware csv = new CSVReaderHeaderAware(reader)) {
            Map<String, String> row;
            while ((row = csv.readMap()) != null) {
                rows.add(row);
            }
        } catch (CsvValidationException e) {
            throw new IOException(e);
        }
        return rows;
    }
}
