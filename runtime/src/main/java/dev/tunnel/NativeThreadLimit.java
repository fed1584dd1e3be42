package dev.tunnel;

import java.util.ArrayDeque;

/**
 * Admits at most {@code maxThreads} native threads at once; further starts wait in a queue of
 * at most {@code maxWaiting}, and a caller that finds the queue full blocks until there is
 * room. This is the cgo text's advice for C calls that hold a thread: a bounded pool with a
 * bounded queue, not an unbounded pile of threads.
 *
 * <pre>{@code
 * NativeThreadLimit limit = new NativeThreadLimit(8, 1024);
 * limit.submit(() -> startNativeThread(job));  // runs now, or when a thread finishes
 * // on the native thread, as its last act:   limit.release();
 * }</pre>
 *
 * <p>A start action must not throw: if it cannot start its thread it reports that its own way
 * (for example by completing a future) and calls {@link #release()} itself.
 */
public final class NativeThreadLimit {
    private final int maxThreads;
    private final int maxWaiting;
    /** Starts waiting for a free thread, oldest first (guarded by this). */
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    /** Threads admitted and not yet released (guarded by this). */
    private int running;

    /**
     * @throws IllegalArgumentException if either bound is below 1
     */
    public NativeThreadLimit(int maxThreads, int maxWaiting) {
        if (maxThreads < 1 || maxWaiting < 1) {
            throw new IllegalArgumentException("maxThreads and maxWaiting must be at least 1, got "
                    + maxThreads + " and " + maxWaiting);
        }
        this.maxThreads = maxThreads;
        this.maxWaiting = maxWaiting;
    }

    /** The most native threads admitted at once. */
    public int maxThreads() {
        return maxThreads;
    }

    /**
     * Runs {@code start} on this thread now if fewer than {@code maxThreads} are running, or
     * queues it; blocks while {@code maxWaiting} starts are already queued.
     *
     * @throws InterruptedException if interrupted while waiting for room in the queue;
     *     {@code start} is then not queued
     */
    public void submit(Runnable start) throws InterruptedException {
        synchronized (this) {
            if (running >= maxThreads) {
                while (waiting.size() >= maxWaiting) {
                    wait();
                }
                if (running >= maxThreads) {
                    waiting.add(start);
                    return;
                }
            }
            running++;
        }
        start.run();
    }

    /**
     * A native thread admitted by {@link #submit} is done: the oldest waiting start, if any,
     * runs on the calling thread in its place.
     */
    public void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            } else {
                notifyAll(); // room in the queue
            }
        }
        if (next != null) {
            next.run();
        }
    }

    /** Native threads admitted and not yet released. */
    public synchronized int running() {
        return running;
    }

    /** Starts waiting for a thread. */
    public synchronized int waiting() {
        return waiting.size();
    }
}
