package io.backdrop.platform;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why a file operation failed, in words. The JDK's file exceptions often carry only the path as
 * their message ("/data/out/a.png"), which repeated after the path says nothing.
 */
public final class IoReason {

    /** The JDK's file failures that say what happened by their type alone. */
    private static final List<Map.Entry<Class<? extends Exception>, String>> BY_TYPE = List.of(
            Map.entry(NoSuchFileException.class, "no such file or directory"),
            Map.entry(AccessDeniedException.class, "permission denied"),
            Map.entry(NotDirectoryException.class, "a part of the path is not a directory"),
            Map.entry(FileAlreadyExistsException.class, "already exists"),
            Map.entry(DirectoryNotEmptyException.class, "is a directory that is not empty"),
            Map.entry(ReadOnlyFileSystemException.class, "the file system is read-only"),
            Map.entry(CharacterCodingException.class, "is not UTF-8 text"));

    private IoReason() {
    }

    public static String of(Exception failure) {
        for (Map.Entry<Class<? extends Exception>, String> known : BY_TYPE) {
            if (known.getKey().isInstance(failure)) {
                return known.getValue();
            }
        }
        // Checked after the types above, which are file system exceptions too.
        if (failure instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** {@code "<what> <path>: <reason>"}, e.g. "cannot read the API key file /etc/key: permission denied". */
    public static String describe(String what, Object path, IOException failure) {
        return what + " " + path + ": " + of(failure);
    }
}
