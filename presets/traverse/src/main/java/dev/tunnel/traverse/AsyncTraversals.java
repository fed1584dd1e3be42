package dev.tunnel.traverse;

import dev.tunnel.threads.NativeThreadLimit;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Traversals that run on native threads C creates, calling the visitor from those threads,
 * with at most {@code maxThreads} such threads at once; further traversals wait in a queue of
 * at most {@code maxWaiting}, and a caller that finds the queue full waits for room.
 *
 * <pre>{@code
 * AsyncTraversals traversals = new AsyncTraversals(8, 1024);
 * CompletableFuture<TraversalStats> a = traversals.traverse(Path.of("a.log"), visitorA);
 * CompletableFuture<TraversalStats> b = traversals.traverse(Path.of("b.log"), visitorB);
 * System.out.println(a.join().lines() + b.join().lines());
 * }</pre>
 *
 * <p>The future completes on the traversal's native thread (use the {@code ...Async} methods
 * of {@link CompletableFuture} to continue elsewhere): with the stats; or exceptionally with
 * the very Throwable a callback threw, or the {@code java.nio.file} exception for the file.
 * {@link CompletableFuture#cancel Cancelling} it asks C to stop; a traversal cancelled while
 * waiting never starts; a traversal whose start fails (no memory, no thread, a full handle
 * table) fails its future with that exception and frees its slot. The native threads are attached to the JVM as daemon threads for their
 * callbacks and detached when they end.
 */
public final class AsyncTraversals {
    private static final AsyncTraversals SHARED =
            new AsyncTraversals(Runtime.getRuntime().availableProcessors(), 1024);

    private final NativeThreadLimit limit;
    /** Test seam, handed to each traversal: see {@link AsyncTraversal.Step}. */
    private final Consumer<AsyncTraversal.Step> beforeStep;

    /**
     * @throws IllegalArgumentException if a bound is below 1
     */
    public AsyncTraversals(int maxThreads, int maxWaiting) {
        this(maxThreads, maxWaiting, step -> { });
    }

    /**
     * For tests only: {@code beforeStep} runs before each step of a traversal's start, and
     * whatever it throws fails the start there.
     */
    AsyncTraversals(int maxThreads, int maxWaiting, Consumer<AsyncTraversal.Step> beforeStep) {
        this.limit = new NativeThreadLimit(maxThreads, maxWaiting);
        this.beforeStep = Objects.requireNonNull(beforeStep, "beforeStep");
    }

    /** The instance {@link Traversal#traverseAsync} uses: as many threads as processors, 1024 waiting. */
    public static AsyncTraversals shared() {
        return SHARED;
    }

    /**
     * Traverses {@code file} on a native thread, calling the methods {@code visitor} overrides
     * from that thread. Returns at once, unless {@code maxWaiting} traversals are already
     * waiting: then it waits for room (if interrupted meanwhile, the future fails with
     * {@link InterruptedException} and the interrupt flag is kept).
     */
    public CompletableFuture<TraversalStats> traverse(Path file, Visitor visitor) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(visitor, "visitor");
        AsyncTraversal traversal = new AsyncTraversal(file, visitor, VisitorEvents.of(visitor), limit, beforeStep);
        try {
            limit.submit(traversal::start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            traversal.future.completeExceptionally(e);
        }
        return traversal.future;
    }

    /** Native traversal threads admitted now (at most {@code maxThreads}). */
    public int running() {
        return limit.running();
    }

    /** Traversals waiting for a thread. */
    public int waiting() {
        return limit.waiting();
    }
}
