package dev.tunnel.spi;

/**
 * Receives what a {@link Closure}'s target threw. A closure is called by C with no Java caller
 * waiting to rethrow, so its Throwable goes here; C then gets the typedef's declared failure
 * value. Set one per closure when it is opened, or for every closure with
 * {@link Closure#setDefaultExceptionHandler}; the default logs at ERROR, with the stack.
 *
 * <pre>{@code
 * Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
 * Closure<LogHandlerFn> closure = LogHandlerFn.closure(message -> { ... },
 *         (failed, thrown) -> failures.add(thrown));
 * }</pre>
 *
 * <p>It runs on the thread C called from, under C's frames: it should be quick, and whatever it
 * throws is logged and dropped.
 */
@FunctionalInterface
public interface ClosureExceptionHandler {
    /**
     * Called once for each call whose target threw.
     *
     * @param closure the closure C called
     * @param thrown what its target threw
     */
    void uncaught(Closure<?> closure, Throwable thrown);
}
