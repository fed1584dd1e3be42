package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.*;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns a non-zero libtraverse status into the matching {@code java.nio.file} exception. */
final class TraversalErrors {
    private TraversalErrors() {
    }

    /** @param name the file's path as the caller gave it, or a description of the source */
    static IOException forStatus(int status, String name) {
        String reason = traverse_strerror(status).getString();
        switch (traverse_status_kind(status)) {
            case TRAVERSE_KIND_NOT_FOUND:
                return new NoSuchFileException(name, null, reason);
            case TRAVERSE_KIND_ACCESS_DENIED:
                return new AccessDeniedException(name, null, reason);
            case TRAVERSE_KIND_IS_DIRECTORY:
                return new FileSystemException(name, null, "is a directory, not a file");
            case TRAVERSE_KIND_NOT_REGULAR:
                return new FileSystemException(name, null, "not a regular file (FIFO, device or socket)");
            case TRAVERSE_KIND_OVERFLOW:
                return new FileSystemException(name, null,
                        "a line index or length exceeds " + Integer.MAX_VALUE + ", the largest the int callbacks can report");
            default:
                return new FileSystemException(name, null, reason + " (status " + status + ")");
        }
    }
}
