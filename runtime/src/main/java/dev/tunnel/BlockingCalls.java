package dev.tunnel;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs C calls that block (slow I/O, a device, a lock held elsewhere) on at most
 * {@code maxThreads} threads, with at most {@code maxQueued} calls waiting; a caller that finds
 * the queue full waits for room. So a burst of blocking calls never becomes a burst of threads,
 * which is what the cgo text warns of for goroutines in long C calls.
 *
 * <pre>{@code
 * try (BlockingCalls io = new BlockingCalls("disk", 4, 256)) {
 *     CompletableFuture<Integer> read = io.submit(() -> tn_block(100));
 *     read.join();
 * }
 * }</pre>
 */
public final class BlockingCalls implements AutoCloseable {
    private final ThreadPoolExecutor pool;

    /**
     * @param name names the threads ({@code tunnel-NAME-1}, ...), which are daemons
     * @throws IllegalArgumentException if a bound is below 1
     */
    public BlockingCalls(String name, int maxThreads, int maxQueued) {
        if (maxThreads < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("maxThreads and maxQueued must be at least 1, got "
                    + maxThreads + " and " + maxQueued);
        }
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(maxThreads, maxThreads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxQueued), runnable -> {
                    Thread thread = new Thread(runnable, "tunnel-" + name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, (runnable, executor) -> {
                    // the queue is full: the caller waits for room instead of failing
                    if (executor.isShutdown()) {
                        throw new RejectedExecutionException("BlockingCalls \"" + name + "\" is closed");
                    }
                    try {
                        executor.getQueue().put(runnable);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException("interrupted while waiting for room in \"" + name + "\"", e);
                    }
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code call} on one of the threads. The future completes with its result, or
     * exceptionally with the very exception it threw.
     *
     * @throws RejectedExecutionException if closed, or interrupted while waiting for room
     */
    public <T> CompletableFuture<T> submit(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pool.execute(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Threads running now (at most {@code maxThreads}). */
    public int threads() {
        return pool.getPoolSize();
    }

    /** Stops taking calls and waits up to 10 s for those submitted to finish. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
