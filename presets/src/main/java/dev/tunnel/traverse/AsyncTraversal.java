package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.*;

import dev.tunnel.CallbackScope;
import dev.tunnel.NativeThreadLimit;
import dev.tunnel.traverse.lib.EndCallbackFn;
import dev.tunnel.traverse.lib.StartCallbackFn;
import dev.tunnel.traverse.lib.TraverseControl;
import dev.tunnel.traverse.lib.TraverseDoneFn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * One traversal on a native thread, from admission to completion: owns the native memory C
 * uses (control block, callbacks) and the two handles C holds (the visitor's scope for the
 * events, this object's for the completion), and frees them when C reports done.
 */
final class AsyncTraversal implements IntConsumer {
    private final Path file;
    private final Visitor visitor;
    private final VisitorEvents events;
    private final NativeThreadLimit limit;
    final CompletableFuture<TraversalStats> future = new CompletableFuture<>();

    /** Native state, set by start() and cleared by accept() (guarded by this). */
    private TraverseControl control;
    private dev.tunnel.traverse.lib.Callbacks callbacks;
    private CallbackScope<Visitor> eventScope;
    private CallbackScope<TraverseDoneFn.Function> doneScope;

    AsyncTraversal(Path file, Visitor visitor, VisitorEvents events, NativeThreadLimit limit) {
        this.file = file;
        this.visitor = visitor;
        this.events = events;
        this.limit = limit;
        // cancelling asks C to stop; C then reports done (ESTOPPED) and everything is freed
        future.whenComplete((stats, failure) -> {
            if (future.isCancelled()) {
                requestStop();
            }
        });
    }

    /** Admitted by the limit: starts the native thread, unless cancelled while waiting. */
    void start() {
        int status;
        synchronized (this) {
            if (future.isDone()) {
                limit.release(); // cancelled while queued: give the slot to the next one
                return;
            }
            TraverseControl c = new TraverseControl();
            control = c;
            traverse_control_init(c);
            callbacks = new dev.tunnel.traverse.lib.Callbacks();
            callbacks.start(events.start ? StartCallbackFn.GATEWAY : null);
            callbacks.end(events.end ? EndCallbackFn.GATEWAY : null);
            eventScope = CallbackScope.open(visitor, () -> traverse_request_stop(c));
            doneScope = CallbackScope.open(this::done, () -> { });
            status = traverse_file_async(file.toString(), callbacks, eventScope.pointer(), control,
                    TraverseDoneFn.GATEWAY, doneScope.pointer());
            if (status != 0) {
                free();
            }
        }
        if (status != 0) {
            future.completeExceptionally(new IOException("could not start a native thread to traverse " + file
                    + ": " + traverse_strerror(status).getString()));
            limit.release();
        }
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

    /** C's done(status), on the traversal's thread: C touches nothing of ours after this. */
    @Override
    public void accept(int status) {
        Throwable failure;
        TraversalStats stats;
        synchronized (this) {
            failure = eventScope.failure();
            stats = new TraversalStats(control.lines(), control.bytes(), control.start_calls(), control.end_calls());
            free();
        }
        limit.release(); // may start the next queued traversal from this thread
        if (failure != null) {
            future.completeExceptionally(failure);
        } else if (status == TRAVERSE_OK) {
            future.complete(stats);
        } else if (!future.isCancelled()) {
            future.completeExceptionally(TraversalErrors.forStatus(status, file.toString()));
        }
    }

    private synchronized void requestStop() {
        if (control != null) {
            traverse_request_stop(control);
        }
    }

    private void free() {
        eventScope.close();
        doneScope.close();
        callbacks.close();
        control.close();
        control = null;
        callbacks = null;
    }
}
