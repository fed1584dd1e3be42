package dev.tunnel.traverse;

import dev.tunnel.spi.CString;
import dev.tunnel.traverse.lib.LineCallbackFn;

/**
 * Receives every line of a {@link Traversal#traverseLines traversal of lines} with its bytes:
 * without its {@code '\n'}, with anything else in it ({@code '\r'}, NUL, bytes that are not
 * UTF-8), lent by C for the call only.
 *
 * <pre>{@code
 * Traversal.traverseLines(Path.of("app.log"), (index, bytes, length) -> {
 *     if (length > 0 && bytes.byteAt(0) == '#') {
 *         comments.add(bytes.getString(length)); // a copy: the view is invalid after the call
 *     }
 * });
 * }</pre>
 *
 * <p>{@code bytes} reads C's memory in place; kept past the call, or used on another thread, it
 * throws {@link IllegalStateException}. {@link CString#getString(long)} and
 * {@link CString#getBytes(long)} copy exactly {@code length} bytes, NULs included. A last line
 * without {@code '\n'} is a line too. What the visitor throws stops the traversal and is
 * rethrown, the same instance, after C closed the file.
 */
@FunctionalInterface
public interface LineVisitor extends LineCallbackFn.Function {
    /**
     * Line {@code index} (from 0) has {@code length} bytes at {@code bytes}.
     */
    @Override
    void line(long index, CString bytes, long length);
}
