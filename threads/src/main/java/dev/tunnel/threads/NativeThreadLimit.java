package dev.tunnel.threads;

import java.util.ArrayDeque;

/**
 * Admits at most {@code maxThreads} native threads at once; further starts wait in a queue of
 * at most {@code maxWaiting}, and a caller that finds the queue full blocks until there is
 * room: a bounded pool with a bounded queue for C calls that each hold a thread, not an
 * unbounded pile of threads.
 *
 * <pre>{@code
 * NativeThreadLimit limit = new NativeThreadLimit(8, 1024);
 * limit.submit(() -> startNativeThread(job));  // runs now, or when a thread finishes
 * // on the native thread, as its last act:   limit.release();
 * }</pre>
 *
 * <p>A start action that cannot start its thread (cancelled while waiting, or failed) calls
 * {@link #release()} itself, and may do so before it returns: its slot then goes to the next
 * waiting start once it has returned, so a run of such starts is handed on in a loop, never as
 * a recursion as deep as the queue. A start should not throw; if it does, it must not have
 * called {@code release()}: its slot is freed for it.
 */
public final class NativeThreadLimit {
    private static final System.Logger LOG = System.getLogger(NativeThreadLimit.class.getName());

    private final int maxThreads;
    private final int maxWaiting;
    /** Starts waiting for a free thread, oldest first (guarded by this). */
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    /** Threads admitted and not yet released (guarded by this). */
    private int running;
    /**
     * Set while this thread hands freed slots on to waiting starts: how many slots it has yet
     * to hand on. A start it runs that releases its slot adds one here instead of recursing.
     */
    private final ThreadLocal<int[]> handingOn = new ThreadLocal<>();

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
     * @throws RuntimeException or Error that {@code start} threw, when it ran here; its slot
     *     has been freed
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
        try {
            start.run();
        } catch (Throwable t) {
            freeSlot();
            throw t;
        }
    }

    /**
     * A native thread admitted by {@link #submit} is done (or its start could not start it):
     * the oldest waiting start, if any, runs on the calling thread in its place. Never throws
     * what a start throws (that is logged), and runs starts one after another, however many
     * release their slot in turn.
     *
     * @throws IllegalStateException if no admitted thread is running: a release without its
     *     submit, or a second one for the same thread
     */
    public void release() {
        synchronized (this) {
            if (running == 0) {
                throw new IllegalStateException(this + ": release() with no native thread running"
                        + " (released twice, or without being admitted?)");
            }
        }
        freeSlot();
    }

    /** Frees one admitted slot: hands it on, or, when this thread is already handing on, leaves it to that loop. */
    private void freeSlot() {
        int[] pending = handingOn.get();
        if (pending != null) {
            pending[0]++;
            return;
        }
        pending = new int[] {1};
        handingOn.set(pending);
        try {
            while (pending[0] > 0) {
                pending[0]--;
                Runnable next;
                synchronized (this) {
                    next = waiting.poll();
                    if (next == null) {
                        running--;
                        continue;
                    }
                    notifyAll(); // room in the queue
                }
                try {
                    next.run(); // may add to pending, by releasing its slot
                } catch (Throwable t) {
                    pending[0]++; // it started nothing: its slot goes on too
                    try {
                        LOG.log(System.Logger.Level.ERROR, "dev.tunnel: a native thread's start action threw", t);
                    } catch (Throwable ignored) {
                        // nothing to report it with; the slot is still handed on
                    }
                }
            }
        } finally {
            handingOn.remove();
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

    /** Names the limit by its bounds, e.g. {@code NativeThreadLimit[maxThreads=8, maxWaiting=1024]}. */
    @Override
    public String toString() {
        return "NativeThreadLimit[maxThreads=" + maxThreads + ", maxWaiting=" + maxWaiting + "]";
    }
}
