package io.backdrop.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The thumbnails a job instance's workers made for the rows report.html may show, one small file
 * per row in a folder under the work directory. It outlives an execution, so that the report of
 * a restart can still show rows an earlier execution finished, and it is trimmed to the rows
 * shown after every report: it never holds more than a report's worth of pictures.
 */
public final class ThumbnailFolder {

    /** The pair of thumbnails of one row. */
    public record Pair(Preview source, Preview result) {
    }

    private static final String SUFFIX = ".thumbs";
    private static final Pattern DATA_URI = Pattern.compile("data:image/jpeg;base64,[A-Za-z0-9+/]+=*");

    private final Path folder;

    public ThumbnailFolder(Path folder) {
        this.folder = folder;
    }

    /** The folder of a job instance under the work directory; {@code runKey} tells apart instances of different databases. */
    public static ThumbnailFolder of(Path workDirectory, long jobInstanceId, String runKey) {
        String key = runKey == null ? "" : "-" + runKey.replaceAll("[^A-Za-z0-9-]", "");
        return new ThumbnailFolder(workDirectory.resolve("backdrop-report-" + jobInstanceId + key));
    }

    public Path path() {
        return folder;
    }

    /** Keeps the row's thumbnails, replacing any earlier pair; written whole or not at all. */
    public void save(int row, Pair pair) throws IOException {
        Files.createDirectories(folder);
        Path staged = Files.createTempFile(folder, "row-", ".part");
        try {
            Files.writeString(staged, line(pair.source()) + "\n" + line(pair.result()) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(staged, file(row), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged, file(row), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** The rows that have thumbnails, in row order. */
    public Set<Integer> rows() {
        Set<Integer> rows = new TreeSet<>();
        if (!Files.isDirectory(folder)) {
            return rows;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    rows.add(Integer.parseInt(name.substring(0, name.length() - SUFFIX.length())));
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The thumbnails of these rows; a row whose file is gone or unreadable is absent. */
    public Map<Integer, Pair> load(Collection<Integer> rows) {
        Map<Integer, Pair> pairs = new HashMap<>();
        for (int row : rows) {
            try {
                List<String> lines = Files.readAllLines(file(row), StandardCharsets.UTF_8);
                if (lines.size() >= 2) {
                    pairs.put(row, new Pair(preview(lines.get(0)), preview(lines.get(1))));
                }
            } catch (IOException | RuntimeException unreadable) {
                // a row without pictures still shows its card
            }
        }
        return pairs;
    }

    public void delete(int row) {
        try {
            Files.deleteIfExists(file(row));
        } catch (IOException ignored) {
            // a leftover is trimmed after the next report
        }
    }

    /** Deletes every row's thumbnails but these. */
    public void retainOnly(Set<Integer> keep) {
        for (int row : rows()) {
            if (!keep.contains(row)) {
                delete(row);
            }
        }
    }

    /** Removes the folder: the job instance is complete and no report of it will be made again. */
    public void deleteAll() throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        try {
            Files.deleteIfExists(folder);
        } catch (java.nio.file.DirectoryNotEmptyException | NoSuchFileException raced) {
            // a worker of another execution wrote in the meantime; its report trims it
        }
    }

    private Path file(int row) {
        return folder.resolve(row + SUFFIX);
    }

    /** "W H data:..." for a picture, "- reason" for a placeholder: the data URI's alphabet has no space or newline. */
    private static String line(Preview preview) {
        if (preview.dataUri() != null) {
            return preview.width() + " " + preview.height() + " " + preview.dataUri();
        }
        return "- " + preview.placeholder().replace('\n', ' ').replace('\r', ' ');
    }

    private static Preview preview(String line) {
        if (line.startsWith("- ")) {
            return Preview.placeholder(line.substring(2));
        }
        String[] parts = line.split(" ", 3);
        // Checked, not trusted: the page places it in an attribute unescaped.
        if (parts.length != 3 || !DATA_URI.matcher(parts[2]).matches()) {
            return Preview.placeholder("no preview");
        }
        return Preview.of(parts[2], Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }
}
