package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Files on this machine, as {@code file:} URIs. */
public class LocalSourceStore implements SourceStore {

    /** Where the file system keeps sub-second times, a change this long ago can no longer share the recorded tick. */
    static final Duration FINE_SETTLING = Duration.ofMillis(100);
    /** Where it keeps whole seconds (or coarser), two of them. */
    static final Duration COARSE_SETTLING = Duration.ofSeconds(2);

    private final Clock clock;

    public LocalSourceStore() {
        this(Clock.systemUTC());
    }

    LocalSourceStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean handles(URI location) {
        return "file".equals(location.getScheme());
    }

    @Override
    public long size(URI location) throws IOException {
        return Files.size(existing(location));
    }

    @Override
    public InputStream open(URI location) throws IOException {
        return Files.newInputStream(existing(location));
    }

    /**
     * Size, modification time, status-change time and file key (device and inode). The
     * status-change time (ctime) is what makes a forged modification time harmless: the kernel
     * sets it on every write and every change of times, and no user can set it back. Where the
     * file system has no ctime (outside Unix), a file has no identity and is always read.
     */
    @Override
    public Optional<String> identity(URI location) throws IOException {
        return attributes(existing(location)).map(FileAttributes::identity);
    }

    /**
     * The file's identity is taken before the read and again after it; it is given only when both
     * agree and the last change is old enough that a later one cannot share its time stamp (a
     * file changed within the file system's time resolution of being read could otherwise keep
     * the identity of the content read). A file that fails either test is read again next time.
     */
    @Override
    public SourceRead read(URI location) throws IOException {
        Path path = existing(location);
        Optional<FileAttributes> before = attributes(path);
        InputStream stream = Files.newInputStream(path);
        return new SourceRead(stream, () -> {
            if (before.isEmpty() || !before.equals(attributes(path)) || !before.get().settled(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(before.get().identity());
        });
    }

    private static Path existing(URI location) throws IOException {
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new SourceNotFoundException(path.toString());
        }
        return path;
    }

    private static Optional<FileAttributes> attributes(Path path) throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return Optional.empty();
        }
        Map<String, Object> unix = Files.readAttributes(path, "unix:size,lastModifiedTime,ctime,dev,ino");
        return Optional.of(new FileAttributes((Long) unix.get("size"), (FileTime) unix.get("lastModifiedTime"),
                (FileTime) unix.get("ctime"), (Long) unix.get("dev"), (Long) unix.get("ino")));
    }

    private record FileAttributes(long size, FileTime modified, FileTime changed, long device, long inode) {

        String identity() {
            return "file size=" + size + " mtime=" + modified.toInstant() + " ctime=" + changed.toInstant()
                    + " dev=" + device + " ino=" + inode;
        }

        /** Whether the last change is older than the file system's time resolution, seen from now. */
        boolean settled(Instant now) {
            Instant change = changed.toInstant();
            Duration resolution = change.getNano() == 0 ? COARSE_SETTLING : FINE_SETTLING;
            return change.plus(resolution).isBefore(now);
        }
    }
}
