package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.*;

import dev.tunnel.CallbackScope;
import dev.tunnel.traverse.gateway.EndGateway;
import dev.tunnel.traverse.gateway.StartGateway;
import dev.tunnel.traverse.lib.TraverseControl;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Traverses a file with libtraverse's C {@code traverse}, calling Java back for every line:
 * the Java form of the callbacks article's {@code GoTraverse}.
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
        if (!data.isDirect()) {
            throw new IllegalArgumentException("data must be a direct ByteBuffer (C reads it in place), got " + data);
        }
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

    private static TraversalStats run(Path file, Visitor visitor, VisitorEvents events) throws IOException {
        Objects.requireNonNull(file, "file");
        return run(visitor, events, file.toString(),
                (callbacks, userData, control) -> traverse_file(file.toString(), callbacks, userData, control));
    }

    /** One traversal call into C: {@code traverse_file} or {@code traverse_memory}. */
    @FunctionalInterface
    private interface NativeTraversal {
        int call(dev.tunnel.traverse.lib.Callbacks callbacks, Pointer userData, TraverseControl control);
    }

    private static TraversalStats run(Visitor visitor, VisitorEvents events, String source, NativeTraversal traversal)
            throws IOException {
        try (TraverseControl control = new TraverseControl();
             dev.tunnel.traverse.lib.Callbacks callbacks = new dev.tunnel.traverse.lib.Callbacks();
             CallbackScope<Visitor> scope = CallbackScope.open(visitor, () -> traverse_request_stop(control))) {
            traverse_control_init(control);
            callbacks.start(events.start ? StartGateway.INSTANCE : null);
            callbacks.end(events.end ? EndGateway.INSTANCE : null);
            int status = traversal.call(callbacks, scope.pointer(), control);
            scope.rethrowFailure(); // C has returned and released what it held: the callback's failure comes first
            if (status != TRAVERSE_OK) {
                throw TraversalErrors.forStatus(status, source);
            }
            return new TraversalStats(control.lines(), control.bytes(), control.start_calls(), control.end_calls());
        }
    }
}
