package dev.tunnel.traverse;

import dev.tunnel.spi.EventBytes;
import dev.tunnel.traverse.lib.LineCallbackFn;

/**
 * Receives every line of a {@link Traversal#traverseLinesBatched batched traversal of lines}:
 * C copies each line into a batch, and Java reads a batch's lines in place, one upcall per
 * batch. The lines, their order and their bytes are those a {@link LineVisitor} gets.
 *
 * <pre>{@code
 * byte[] error = "ERROR".getBytes(StandardCharsets.US_ASCII);
 * long[] hits = {0};
 * Traversal.traverseLinesBatched(Path.of("app.log"), (index, bytes, length) -> {
 *     if (bytes.indexOf(error) >= 0) {
 *         hits[0]++;                       // no copy, no allocation
 *     }
 * });
 * }</pre>
 *
 * <p>{@code bytes} is an {@link EventBytes} view: valid during the call only (it throws
 * {@link IllegalStateException} afterwards), {@link EventBytes#getString()} and
 * {@link EventBytes#getBytes()} copy. A line longer than half the batch is not copied: it
 * reaches the visitor at once, read in C's memory during C's call. What the visitor throws
 * stops the traversal and is rethrown, the same instance, after C closed the file.
 */
@FunctionalInterface
public interface LineBatchVisitor extends LineCallbackFn.Batched {
    /** Line {@code index} (from 0) has {@code length} bytes, {@code bytes}. */
    @Override
    void line(long index, EventBytes bytes, long length);
}
