package dev.tunnel.threads;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One thread that runs every call of a thread-affine C library: C state kept in thread-local storage (an OpenGL context, a GUI
 * toolkit, a session) is always used from the thread that created it, whichever thread calls,
 * including pooled and virtual threads (which may change carrier threads between calls).
 *
 * <pre>{@code
 * try (DedicatedThread session = new DedicatedThread("session")) {
 *     session.run(CSession::open);
 *     int next = pool.submit(() -> session.call(() -> tn_session_next())).get(); // still the same thread
 * }
 * }</pre>
 *
 * <p>Calls run one at a time, in submission order. A call made from the dedicated thread
 * itself (a nested call) runs inline rather than deadlocking.
 */
public final class DedicatedThread implements AutoCloseable {
    private final ExecutorService executor;
    private final Thread thread;

    /** Starts the thread, a daemon named {@code tunnel-NAME}. */
    public DedicatedThread(String name) {
        Objects.requireNonNull(name, "name");
        CompletableFuture<Thread> started = new CompletableFuture<>();
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "tunnel-" + name);
            t.setDaemon(true);
            return t;
        });
        executor.execute(() -> started.complete(Thread.currentThread()));
        thread = started.join();
    }

    /** Whether the calling thread is the dedicated one. */
    public boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the dedicated thread and returns its future. */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /**
     * Runs {@code task} on the dedicated thread, waits for it, and returns its result; what it
     * throws is thrown here as the same instance.
     */
    public <T> T call(Callable<T> task) throws Exception {
        if (isCurrentThread()) {
            return task.call();
        }
        try {
            return submit(task).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e; // a Throwable that is neither: keep it as the cause

        }
    }

    /**
     * Runs {@code task} on the dedicated thread and waits for it; what it throws is thrown here
     * as the same instance, including a checked exception it throws sneakily (as an entry point
     * does that rethrows a callback's {@code IOException} through {@code CallbackScope.rethrowFailure()}).
     *
     * @throws InterruptedException if interrupted while waiting ({@code task} may still run)
     */
    public void run(Runnable task) throws InterruptedException {
        if (isCurrentThread()) {
            task.run();
            return;
        }
        try {
            submit(() -> {
                task.run();
                return null;
            }).get();
        } catch (ExecutionException e) {
            // A Runnable may still throw any Throwable (javac only checks what it declares):
            // wrapping it would break the same-instance promise.
            DedicatedThread.<RuntimeException>sneakyThrow(e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> void sneakyThrow(Throwable thrown) throws X {
        throw (X) thrown;
    }

    /** Finishes the calls already submitted (waiting up to 10 s), then ends the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
