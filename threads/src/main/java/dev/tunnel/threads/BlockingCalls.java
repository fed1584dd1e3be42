package dev.tunnel.threads;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs C calls that block (slow I/O, a device, a lock held elsewhere) on at most
 * {@code maxThreads} threads, with at most {@code maxQueued} calls waiting; a caller that finds
 * the queue full waits for room. A burst of blocking calls therefore never becomes a burst of
 * threads, each holding a stack and an attached JNI environment for as long as C blocks.
 *
 * <pre>{@code
 * try (BlockingCalls io = new BlockingCalls("disk", 4, 256)) {
 *     CompletableFuture<Integer> read = io.submit(() -> tn_block(100));
 *     read.join();
 * }
 * }</pre>
 *
 * <p>A call is either accepted, and then runs and completes its future, or rejected by
 * {@link #submit} with a {@link RejectedExecutionException}, also while {@link #close()} runs.
 */
public final class BlockingCalls implements AutoCloseable {
    /** Handed out by close() so that callers waiting for room wake up and are rejected. */
    private static final int CLOSING_PERMITS = 1 << 30;

    private final String name;
    private final ThreadPoolExecutor pool;
    /** One per call accepted and not yet finished: a call running or queued. */
    private final Semaphore room;
    /** Guards {@link #closed} and {@link #submitting}. */
    private final Object state = new Object();
    private boolean closed;
    /** Submits that were accepted and are handing their call to the pool. */
    private int submitting;

    /**
     * @param name names the threads ({@code tunnel-NAME-1}, ...), which are daemons
     * @throws IllegalArgumentException if a bound is below 1
     */
    public BlockingCalls(String name, int maxThreads, int maxQueued) {
        if (maxThreads < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("maxThreads and maxQueued must be at least 1, got "
                    + maxThreads + " and " + maxQueued);
        }
        this.name = name;
        this.room = new Semaphore(maxThreads + maxQueued);
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(maxThreads, maxThreads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxQueued), runnable -> {
                    Thread thread = new Thread(runnable, "tunnel-" + name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, (runnable, executor) -> {
                    // A worker whose call has finished (and given back its room) may not have
                    // taken the next call yet: the queue is full for that moment only.
                    try {
                        executor.getQueue().put(runnable);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException(this + ": interrupted while waiting for room", e);
                    }
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code call} on one of the threads. The future completes with its result, or
     * exceptionally with the very exception it threw.
     *
     * @throws RejectedExecutionException if closed (also if {@link #close()} is called while
     *     this waits for room), or interrupted while waiting for room
     */
    public <T> CompletableFuture<T> submit(Callable<T> call) {
        if (isClosed()) {
            throw closed();
        }
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException(this + ": interrupted while waiting for room", e);
        }
        synchronized (state) {
            if (closed) {
                room.release();
                throw closed();
            }
            submitting++;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                T value = null;
                Throwable failure = null;
                try {
                    value = call.call();
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    room.release(); // before completing: what the future runs may submit again
                }
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException | Error e) {
            room.release();
            throw e;
        } finally {
            synchronized (state) {
                if (--submitting == 0 && closed) {
                    state.notifyAll();
                }
            }
        }
        return result;
    }

    /** Threads running now (at most {@code maxThreads}). */
    public int threads() {
        return pool.getPoolSize();
    }

    /**
     * Stops taking calls and waits up to 10 s for those submitted to finish. Callers waiting
     * for room are rejected; calls already accepted all run.
     */
    @Override
    public void close() {
        boolean interrupted = false;
        synchronized (state) {
            if (!closed) {
                closed = true;
                room.release(CLOSING_PERMITS);
            }
            // The pool is shut down only once no submit is inside execute(): ThreadPoolExecutor
            // can strand a call queued while it shuts down (a worker counted but not yet started
            // backs out, and nothing is left to take the call from the queue).
            while (submitting > 0) {
                try {
                    state.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the submits finish shortly: each has its room
                }
            }
        }
        pool.shutdown();
        try {
            if (!interrupted) {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Names it, e.g. {@code BlockingCalls "disk"}. */
    @Override
    public String toString() {
        return "BlockingCalls \"" + name + "\"";
    }

    private boolean isClosed() {
        synchronized (state) {
            return closed;
        }
    }

    private RejectedExecutionException closed() {
        return new RejectedExecutionException(this + " is closed");
    }
}
