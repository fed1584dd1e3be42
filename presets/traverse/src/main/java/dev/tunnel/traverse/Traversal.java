package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.*;

import dev.tunnel.spi.BatchBuffer;
import dev.tunnel.spi.CallbackScope;
import dev.tunnel.spi.EventBatch;
import dev.tunnel.traverse.lib.EndCallbackFn;
import dev.tunnel.traverse.lib.LineCallbackFn;
import dev.tunnel.traverse.lib.StartCallbackFn;
import dev.tunnel.traverse.lib.TraverseCallbacks;
import dev.tunnel.traverse.lib.TraverseControl;
import dev.tunnel.traverse.lib.tunnel_batch_flush_fn;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Traverses a file with libtraverse's C {@code traverse}, calling Java back for every line:
 * for each line C reports a start and an end event, in order, on the calling thread.
 *
 * <pre>{@code
 * TraversalStats stats = Traversal.traverse(Path.of("data.txt"), new Visitor() {
 *     @Override public void start(int i) { System.out.println("start " + i); }
 *     @Override public void end(int a, int b) { System.out.println("end " + a + " " + b); }
 * });
 * System.out.println("lines: " + stats.lines());
 * }</pre>
 *
 * <p>Any number of traversals may run at once, on any threads: the C callbacks are Tunnel's
 * static gateways, and each traversal's visitor travels through C as a handle in
 * {@code user_data}.
 *
 * <p>Nothing C holds can be collected while C may use it: the gateways are static, the visitor
 * is held by the handle table until the traversal returns, and memory C reads (a direct
 * buffer) is kept reachable with {@link Reference#reachabilityFence}, Java's
 * {@code runtime.KeepAlive}, until C has returned. A missing, unreadable or non-regular file throws the matching
 * {@code java.nio.file} exception naming it; a callback's exception stops C and is rethrown.
 */
public final class Traversal {
    private Traversal() {
    }

    /**
     * Traverses {@code file}, calling the methods {@code visitor} overrides.
     *
     * @return what C read and how many callbacks it made
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws java.nio.file.AccessDeniedException if it cannot be read
     * @throws java.nio.file.FileSystemException if it is a directory or not a regular file,
     *     or a line index or length does not fit an {@code int}
     * @throws IOException on a read error; and whatever {@code visitor} threw, as the same instance
     */
    public static TraversalStats traverse(Path file, Visitor visitor) throws IOException {
        Objects.requireNonNull(visitor, "visitor");
        return run(file, visitor, VisitorEvents.of(visitor));
    }

    /**
     * Traverses {@code file}, calling the non-null functions of {@code callbacks}.
     *
     * @return what C read and how many callbacks it made
     * @throws IOException as {@link #traverse(Path, Visitor)}
     */
    public static TraversalStats traverse(Path file, Callbacks callbacks) throws IOException {
        Objects.requireNonNull(callbacks, "callbacks");
        return run(file, callbacks.asVisitor(), VisitorEvents.of(callbacks));
    }

    /**
     * Traverses the bytes of {@code data} between its position and limit, which must be a
     * direct buffer (C reads it in place, without a copy), calling the methods {@code visitor}
     * overrides. The buffer's position is not changed.
     *
     * <pre>{@code
     * ByteBuffer data = ByteBuffer.allocateDirect(64).put("a\nbb\n".getBytes()).flip();
     * Traversal.traverse(data, visitor).lines(); // 2
     * }</pre>
     *
     * @return what C read and how many callbacks it made
     * @throws IllegalArgumentException if {@code data} is not direct
     * @throws java.nio.file.FileSystemException if a line index or length does not fit an {@code int}
     */
    public static TraversalStats traverse(ByteBuffer data, Visitor visitor) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(visitor, "visitor");
        requireDirect(data);
        VisitorEvents events = VisitorEvents.of(visitor);
        return run(visitor, events, "<memory>", (callbacks, userData, control) -> {
            try (BytePointer bytes = new BytePointer(data)) { // a view of the buffer's memory, no copy
                return traverse_memory(bytes, data.remaining(), callbacks, userData, control);
            } finally {
                // Java's runtime.KeepAlive: the BytePointer holds only the address, and past
                // data.remaining() nothing else here uses data. A caller's temporary buffer could
                // then be collected, and its memory freed by its Cleaner, while C still reads it.
                Reference.reachabilityFence(data);
            }
        });
    }

    /**
     * Traverses {@code file} on a native thread that C creates, through
     * {@link AsyncTraversals#shared()}: at most one such thread per processor, more waiting.
     *
     * <pre>{@code
     * Traversal.traverseAsync(Path.of("a.log"), visitor).thenAccept(stats -> System.out.println(stats.lines()));
     * }</pre>
     *
     * @see AsyncTraversals#traverse
     */
    public static java.util.concurrent.CompletableFuture<TraversalStats> traverseAsync(Path file, Visitor visitor) {
        return AsyncTraversals.shared().traverse(file, visitor);
    }

    /** Records per batch unless told otherwise; see {@link #traverseBatched(Path, Visitor, int)}. */
    public static final int DEFAULT_RECORDS_PER_BATCH = 4096;

    /**
     * Traverses {@code file} like {@link #traverse(Path, Visitor)}, with batched delivery: C
     * appends each event to a native buffer and calls Java once per {@value #DEFAULT_RECORDS_PER_BATCH}
     * events, so a visitor runs at about the speed of a C function-pointer call instead of
     * paying a JNI upcall (~100 ns) per event.
     *
     * <pre>{@code
     * long[] bytes = {0};
     * Traversal.traverseBatched(Path.of("big.log"), new Visitor() {
     *     @Override public void end(int line, int length) { bytes[0] += length; }
     * });
     * }</pre>
     *
     * <p>The visitor sees the same events in the same order, on one thread, and a method it does
     * not override is still a NULL callback in C. Exceptions behave as in the unbatched path:
     * the same instance is thrown, C stops at once, nothing after it reaches the visitor. The one
     * difference: events reach Java up to one batch later than C emitted them, so a visitor
     * cannot observe C's progress event by event (for example to interleave output with C's).
     *
     * @return what C read and how many callbacks it made (into the batch, not into Java)
     * @throws IOException as {@link #traverse(Path, Visitor)}
     */
    public static TraversalStats traverseBatched(Path file, Visitor visitor) throws IOException {
        return traverseBatched(file, visitor, DEFAULT_RECORDS_PER_BATCH);
    }

    /**
     * {@link #traverseBatched(Path, Visitor)} with {@code recordsPerBatch} events per upcall.
     * Larger batches amortise the upcall further but take more cache: a record is 8 bytes when
     * the visitor wants one kind of event and 12 when it wants both, so the default is 32 or
     * 48 KiB; below a few hundred records the upcall cost shows again. See the README for
     * measurements.
     *
     * @throws IllegalArgumentException if {@code recordsPerBatch} is not positive
     */
    public static TraversalStats traverseBatched(Path file, Visitor visitor, int recordsPerBatch) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(visitor, "visitor");
        String name = file.toString();
        return runBatched(visitor, VisitorEvents.of(visitor), recordsPerBatch, name,
                (start, end, buffer, userData, control) -> traverse_file_batched(name, start, end, buffer.pointer(),
                        buffer.length(), buffer.recordInts(), tunnel_batch_flush_fn.GATEWAY, userData, control));
    }

    /** {@link #traverseBatched(Path, Visitor)} with the struct-of-functions form. */
    public static TraversalStats traverseBatched(Path file, Callbacks callbacks) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(callbacks, "callbacks");
        String name = file.toString();
        return runBatched(callbacks.asVisitor(), VisitorEvents.of(callbacks), DEFAULT_RECORDS_PER_BATCH, name,
                (start, end, buffer, userData, control) -> traverse_file_batched(name, start, end, buffer.pointer(),
                        buffer.length(), buffer.recordInts(), tunnel_batch_flush_fn.GATEWAY, userData, control));
    }

    /**
     * {@link #traverse(ByteBuffer, Visitor)} with batched delivery, {@code recordsPerBatch}
     * events per upcall.
     *
     * @throws IllegalArgumentException if {@code data} is not direct or {@code recordsPerBatch} is not positive
     */
    public static TraversalStats traverseBatched(ByteBuffer data, Visitor visitor, int recordsPerBatch) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(visitor, "visitor");
        requireDirect(data);
        return runBatched(visitor, VisitorEvents.of(visitor), recordsPerBatch, "<memory>",
                (start, end, buffer, userData, control) -> {
                    try (BytePointer bytes = new BytePointer(data)) {
                        return traverse_memory_batched(bytes, data.remaining(), start, end, buffer.pointer(),
                                buffer.length(), buffer.recordInts(), tunnel_batch_flush_fn.GATEWAY, userData, control);
                    } finally {
                        Reference.reachabilityFence(data); // see traverse(ByteBuffer, Visitor)
                    }
                });
    }

    /**
     * Runs C's synthetic event source: {@code lines} lines (line i has length i % 64) reported
     * exactly as a traversal reports them, without reading or scanning anything. For measuring
     * what the callbacks themselves cost, and for testing visitors without files.
     *
     * <pre>{@code
     * Traversal.traverseSynthetic(1_000_000, visitor).endCalls(); // 1000000 upcalls, no I/O
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code lines} is negative or exceeds what int
     *     indexes can number (2<sup>31</sup>)
     */
    public static TraversalStats traverseSynthetic(long lines, Visitor visitor) throws IOException {
        Objects.requireNonNull(visitor, "visitor");
        requireSyntheticLines(lines);
        return run(visitor, VisitorEvents.of(visitor), "<synthetic>",
                (callbacks, userData, control) -> traverse_events(lines, callbacks, userData, control));
    }

    /** {@link #traverseSynthetic} with batched delivery, {@code recordsPerBatch} events per upcall. */
    public static TraversalStats traverseSyntheticBatched(long lines, Visitor visitor, int recordsPerBatch) throws IOException {
        Objects.requireNonNull(visitor, "visitor");
        requireSyntheticLines(lines);
        return runBatched(visitor, VisitorEvents.of(visitor), recordsPerBatch, "<synthetic>",
                (start, end, buffer, userData, control) -> traverse_events_batched(lines, start, end, buffer.pointer(),
                        buffer.length(), buffer.recordInts(), tunnel_batch_flush_fn.GATEWAY, userData, control));
    }

    private static void requireSyntheticLines(long lines) {
        if (lines < 0 || lines > (long) Integer.MAX_VALUE + 1) {
            throw new IllegalArgumentException("lines must be 0.." + ((long) Integer.MAX_VALUE + 1) + ", got " + lines);
        }
    }

    private static void requireDirect(ByteBuffer data) {
        if (!data.isDirect()) {
            throw new IllegalArgumentException("data must be a direct ByteBuffer (C reads it in place), got " + data);
        }
    }

    private static TraversalStats run(Path file, Visitor visitor, VisitorEvents events) throws IOException {
        Objects.requireNonNull(file, "file");
        return run(visitor, events, file.toString(),
                (callbacks, userData, control) -> traverse_file(file.toString(), callbacks, userData, control));
    }

    /** One traversal call into C: {@code traverse_file} or {@code traverse_memory}. */
    @FunctionalInterface
    private interface NativeTraversal {
        int call(TraverseCallbacks callbacks, Pointer userData, TraverseControl control);
    }

    private static TraversalStats run(Visitor visitor, VisitorEvents events, String source, NativeTraversal traversal)
            throws IOException {
        try (TraverseControl control = new TraverseControl();
             TraverseCallbacks callbacks = new TraverseCallbacks()) {
            traverse_control_init(control);
            callbacks.start(events.start ? StartCallbackFn.GATEWAY : null);
            callbacks.end(events.end ? EndCallbackFn.GATEWAY : null);
            int status = CallbackScope.call(visitor, () -> traverse_request_stop(control),
                    scope -> traversal.call(callbacks, scope.pointer(), control));
            return finish(status, control, source);
        }
    }

    /** One batched traversal call into C: {@code traverse_file_batched} or {@code traverse_memory_batched}. */
    @FunctionalInterface
    private interface BatchedNativeTraversal {
        int call(int start, int end, BatchBuffer buffer, Pointer userData, TraverseControl control);
    }

    private static TraversalStats runBatched(Visitor visitor, VisitorEvents events, int recordsPerBatch, String source,
            BatchedNativeTraversal traversal) throws IOException {
        try (TraverseControl control = new TraverseControl();
             BatchBuffer buffer = new BatchBuffer(recordsPerBatch, events.recordInts())) {
            traverse_control_init(control);
            int status = CallbackScope.call(VisitorBatchReceiver.of(buffer, visitor, events), () -> traverse_request_stop(control),
                    scope -> traversal.call(events.start ? 1 : 0, events.end ? 1 : 0, buffer, scope.pointer(), control));
            return finish(status, control, source);
        }
    }

    /**
     * Traverses {@code file} line by line, calling {@code visitor} with each line's bytes (see
     * {@link LineVisitor}): a line inside one read in place, one that straddles reads assembled
     * by C first, whatever its length.
     *
     * <pre>{@code
     * long[] longest = {0};
     * Traversal.traverseLines(Path.of("data.txt"), (index, bytes, length) -> longest[0] = Math.max(longest[0], length));
     * }</pre>
     *
     * @return what C read; {@code endCalls()} counts the line calls
     * @throws IOException as {@link #traverse(Path, Visitor)}, and whatever {@code visitor}
     *     threw, as the same instance
     */
    public static TraversalStats traverseLines(Path file, LineVisitor visitor) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(visitor, "visitor");
        return runLines(visitor, file.toString(), fileLines(file));
    }

    /**
     * {@link #traverseLines(Path, LineVisitor)} over the bytes of {@code data} between its
     * position and limit, a direct buffer that C reads in place; every line is passed in place.
     *
     * @throws IllegalArgumentException if {@code data} is not direct
     */
    public static TraversalStats traverseLines(ByteBuffer data, LineVisitor visitor) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(visitor, "visitor");
        requireDirect(data);
        return runLines(visitor, "<memory>", memoryLines(data));
    }

    /**
     * Traverses {@code file} line by line as {@link #traverseLines(Path, LineVisitor)} does,
     * with batched delivery ({@link EventBatch}, {@value EventBatch#DEFAULT_CAPACITY}
     * bytes): C copies each line into the batch and calls Java once per full batch, so the
     * visitor runs at about the speed of C calling a C function per line.
     *
     * <pre>{@code
     * long[] bytes = {0};
     * Traversal.traverseLinesBatched(Path.of("big.log"), (index, line, length) -> bytes[0] += length);
     * }</pre>
     *
     * <p>The visitor sees the same lines, in the same order, on one thread, up to one batch later
     * than C read them; see {@link LineBatchVisitor}.
     *
     * @return what C read; {@code endCalls()} counts the line calls C made (into the batch)
     * @throws IOException as {@link #traverse(Path, Visitor)}, after the lines C read before the
     *     error were delivered; and whatever {@code visitor} threw, as the same instance
     */
    public static TraversalStats traverseLinesBatched(Path file, LineBatchVisitor visitor) throws IOException {
        return traverseLinesBatched(file, visitor, EventBatch.DEFAULT_CAPACITY);
    }

    /**
     * {@link #traverseLinesBatched(Path, LineBatchVisitor)} with a batch of {@code batchBytes}
     * bytes: each line takes 32 bytes and its length rounded up to 8.
     *
     * @throws IllegalArgumentException if {@code batchBytes} is outside
     *     {@link EventBatch#MIN_CAPACITY}..{@link EventBatch#MAX_CAPACITY}
     */
    public static TraversalStats traverseLinesBatched(Path file, LineBatchVisitor visitor, int batchBytes) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(visitor, "visitor");
        return runLinesBatched(visitor, batchBytes, file.toString(), fileLines(file));
    }

    /** {@link #traverseLinesBatched(Path, LineBatchVisitor, int)} over a direct buffer, as {@link #traverseLines(ByteBuffer, LineVisitor)}. */
    public static TraversalStats traverseLinesBatched(ByteBuffer data, LineBatchVisitor visitor, int batchBytes) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(visitor, "visitor");
        requireDirect(data);
        return runLinesBatched(visitor, batchBytes, "<memory>", memoryLines(data));
    }

    /** One traversal of lines into C, given the callback: {@code traverse_file_lines} or {@code traverse_memory_lines}. */
    @FunctionalInterface
    private interface NativeLineTraversal {
        int call(LineCallbackFn line, Pointer userData, TraverseControl control);
    }

    private static NativeLineTraversal fileLines(Path file) {
        String name = file.toString();
        return (line, userData, control) -> traverse_file_lines(name, line, userData, control);
    }

    private static NativeLineTraversal memoryLines(ByteBuffer data) {
        return (line, userData, control) -> {
            try (BytePointer bytes = new BytePointer(data)) {
                return traverse_memory_lines(bytes, data.remaining(), line, userData, control);
            } finally {
                Reference.reachabilityFence(data); // as in traverse(ByteBuffer, Visitor)
            }
        };
    }

    private static TraversalStats runLines(LineVisitor visitor, String source, NativeLineTraversal traversal) throws IOException {
        try (TraverseControl control = new TraverseControl()) {
            traverse_control_init(control);
            int status = CallbackScope.call(visitor, () -> traverse_request_stop(control),
                    scope -> traversal.call(LineCallbackFn.GATEWAY, scope.pointer(), control));
            return finish(status, control, source);
        }
    }

    private static TraversalStats runLinesBatched(LineBatchVisitor visitor, int batchBytes, String source, NativeLineTraversal traversal)
            throws IOException {
        try (TraverseControl control = new TraverseControl();
             EventBatch batch = EventBatch.open(batchBytes, () -> traverse_request_stop(control),
                     LineCallbackFn.batched(visitor))) {
            traverse_control_init(control);
            int status = traversal.call(LineCallbackFn.BATCHING, batch.pointer(), control);
            batch.finish(); // the lines C read before it returned, then what the visitor threw
            return finish(status, control, source);
        }
    }

    /** After C returned and no callback failed: C's own status. */
    private static TraversalStats finish(int status, TraverseControl control, String source) throws IOException {
        if (status != TRAVERSE_OK) {
            throw TraversalErrors.forStatus(status, source);
        }
        return new TraversalStats(control.lines(), control.bytes(), control.start_calls(), control.end_calls());
    }
}
