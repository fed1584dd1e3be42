package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.*;

import dev.tunnel.spi.CallbackScope;
import dev.tunnel.threads.NativeThreadLimit;
import dev.tunnel.traverse.lib.EndCallbackFn;
import dev.tunnel.traverse.lib.StartCallbackFn;
import dev.tunnel.traverse.lib.TraverseCallbacks;
import dev.tunnel.traverse.lib.TraverseControl;
import dev.tunnel.traverse.lib.TraverseDoneFn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One traversal on a native thread, from admission to completion: owns the native memory C
 * uses (control block, callbacks) and the two handles C holds (the visitor's scope for the
 * events, this object's for the completion), and frees them when C reports done. Its scopes
 * outlive the C call that starts the thread, so it opens and closes them itself rather than
 * through {@code CallbackScope.call}, which closes its scope when that call returns.
 */
final class AsyncTraversal implements IntConsumer {
    private final Path file;
    private final Visitor visitor;
    private final VisitorEvents events;
    private final NativeThreadLimit limit;
    final CompletableFuture<TraversalStats> future = new CompletableFuture<>();

    /** Native state, set by start() and cleared by accept(), or by start() if it fails (guarded by this). */
    private TraverseControl control;
    private TraverseCallbacks callbacks;
    private CallbackScope<Visitor> eventScope;
    private CallbackScope<TraverseDoneFn.Function> doneScope;

    AsyncTraversal(Path file, Visitor visitor, VisitorEvents events, NativeThreadLimit limit) {
        this(file, visitor, events, limit, step -> { });
    }

    /**
     * The steps of {@link #start()} that allocate or start something, which a test can make fail
     * through the {@code beforeStep} seam, as an {@code OutOfMemoryError} or a full handle table
     * would.
     */
    enum Step {
        /** Before the native control block and callbacks are allocated. */
        ALLOCATE,
        /** Before the scopes' handles are created. */
        OPEN_SCOPES,
        /** Before C is asked to start the native thread. */
        START_THREAD
    }

    /** Test seam: whatever {@code beforeStep} throws fails {@link #start()} at that step. */
    private final Consumer<Step> beforeStep;

    /** @param beforeStep a test seam, run before each {@link Step}; a no-op but in tests */
    AsyncTraversal(Path file, Visitor visitor, VisitorEvents events, NativeThreadLimit limit, Consumer<Step> beforeStep) {
        this.file = file;
        this.visitor = visitor;
        this.events = events;
        this.limit = limit;
        this.beforeStep = beforeStep;
        // cancelling asks C to stop; C then reports done (ESTOPPED) and everything is freed
        future.whenComplete((stats, failure) -> {
            if (future.isCancelled()) {
                requestStop();
            }
        });
    }

    /**
     * Admitted by the limit: starts the native thread, unless cancelled while waiting. Never
     * throws: if the thread cannot be started (cancelled, or anything failed on the way, an
     * {@code OutOfMemoryError} included), what was allocated is freed, the future completes
     * exceptionally (unless cancelled), and the slot is given back, with no lock held.
     */
    void start() {
        Throwable failure = null;
        boolean started = false;
        synchronized (this) {
            if (!future.isDone()) {
                try {
                    started = startThread();
                } catch (Throwable t) {
                    failure = t;
                }
                if (!started) {
                    try {
                        free();
                    } catch (Throwable t) {
                        failure = addTo(failure, t);
                    }
                }
            }
        }
        if (!started) {
            try {
                if (failure != null) {
                    future.completeExceptionally(failure);
                }
            } finally {
                limit.release(); // gives the slot to the next one; not under this lock
            }
        }
    }

    /** Allocates what C needs and asks it to start the thread: true if it did. Guarded by this. */
    private boolean startThread() throws IOException {
        beforeStep.accept(Step.ALLOCATE);
        TraverseControl c = new TraverseControl();
        control = c;
        traverse_control_init(c);
        callbacks = new TraverseCallbacks();
        callbacks.start(events.start ? StartCallbackFn.GATEWAY : null);
        callbacks.end(events.end ? EndCallbackFn.GATEWAY : null);
        beforeStep.accept(Step.OPEN_SCOPES);
        eventScope = CallbackScope.open(visitor, () -> traverse_request_stop(c));
        doneScope = CallbackScope.open(this::done, () -> { });
        beforeStep.accept(Step.START_THREAD);
        int status = traverse_file_async(file.toString(), callbacks, eventScope.pointer(), control,
                TraverseDoneFn.GATEWAY, doneScope.pointer());
        if (status != 0) {
            throw new IOException("could not start a native thread to traverse " + file
                    + ": " + traverse_strerror(status).getString());
        }
        return true;
    }

    /** The target of C's done callback: nobody waits for its failure, so it is logged. */
    private void done(int status) {
        try {
            accept(status);
        } catch (Throwable t) {
            System.getLogger(AsyncTraversal.class.getName()).log(System.Logger.Level.ERROR,
                    "dev.tunnel: completing an asynchronous traversal of " + file + " failed", t);
        }
    }

    /**
     * C's done(status), on the traversal's thread: C touches nothing of ours after this. The
     * future is completed first, whatever fails on the way, and only then is the slot released,
     * which may run the next queued traversal's start on this thread.
     */
    @Override
    public void accept(int status) {
        Throwable failure = null;
        TraversalStats stats = null;
        try {
            synchronized (this) {
                try {
                    failure = eventScope.failure();
                    stats = new TraversalStats(control.lines(), control.bytes(), control.start_calls(), control.end_calls());
                } finally {
                    free();
                }
            }
        } catch (Throwable t) {
            failure = addTo(failure, t);
        } finally {
            try {
                complete(status, failure, stats);
            } finally {
                limit.release();
            }
        }
    }

    private void complete(int status, Throwable failure, TraversalStats stats) {
        try {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else if (status == TRAVERSE_OK) {
                future.complete(stats);
            } else if (!future.isCancelled()) {
                future.completeExceptionally(TraversalErrors.forStatus(status, file.toString()));
            }
        } catch (Throwable t) {
            future.completeExceptionally(t);
        }
    }

    /** {@code first}, with {@code later} suppressed in it; or {@code later} if there is no first. */
    private static Throwable addTo(Throwable first, Throwable later) {
        if (first == null) {
            return later;
        }
        if (first != later) {
            first.addSuppressed(later);
        }
        return first;
    }

    private synchronized void requestStop() {
        if (control != null) {
            traverse_request_stop(control);
        }
    }

    /**
     * Frees what start() allocated, as far as it got; each part is freed even if another fails.
     * Guarded by this.
     */
    private void free() {
        Throwable failure = null;
        AutoCloseable[] parts = {eventScope, doneScope, callbacks, control};
        eventScope = null;
        doneScope = null;
        callbacks = null;
        control = null;
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (Throwable t) {
                    failure = addTo(failure, t);
                }
            }
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
