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

/**
 * Why a file operation failed, in words. The JDK's file exceptions often carry only the path as
 * their message ("/data/out/a.png"), which repeated after the path says nothing.
 */
public final class IoReason {

    private IoReason() {
    }

    public static String of(Exception failure) {
        if (failure instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (failure instanceof DirectoryNotEmptyException) {
            return "is a directory that is not empty";
        }
        if (failure instanceof ReadOnlyFileSystemException) {
            return "the file system is read-only";
        }
        if (failure instanceof CharacterCodingException) {
            return "is not UTF-8 text";
        }
        if (failure instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** {@code "<what> <path>: <reason>"}, e.g. "cannot read the API key file /etc/key: permission denied". */
    public static String describe(String what, Object path, IOException failure) {
        return what + " " + path + ": " + of(failure);
    }
}
