package dev.tunnel;

import java.util.Objects;

/**
 * Routes a C callback that has no {@code user_data} to a Java target: the target is bound to the
 * calling thread for the duration of one synchronous C call, the way the cgo wiki's registry
 * binds a Go function to an index, without any global lock. One instance per gateway class.
 *
 * <pre>{@code
 * static final ThreadBoundCallback<IntUnaryOperator> TARGET = new ThreadBoundCallback<>("callback_fcn");
 *
 * // Java side: C calls the gateway during some_c_func, on this thread
 * TARGET.within(x -> x + 1, () -> some_c_func(IntFunctionGateway.INSTANCE));
 *
 * // in the gateway's call(int value)
 * CallbackScope<IntUnaryOperator> scope = TARGET.current();
 * if (scope == null) return 0;              // no target on this thread: logged
 * try { return scope.target().applyAsInt(value); } catch (Throwable t) { scope.fail(t); return 0; }
 * }</pre>
 *
 * <p>The limit is in the name: a C library that keeps the function pointer and calls it later,
 * after the call returned, or from another thread, finds no target; the gateway logs that and
 * returns a default value to C, and nothing is called. Such libraries need a {@code user_data}
 * (a {@link Handle}) to say whose callback it is.
 *
 * @param <T> the type of the Java target
 */
public final class ThreadBoundCallback<T> {
    private static final System.Logger LOG = System.getLogger(ThreadBoundCallback.class.getName());

    private final String callbackName;
    /** The scope of the C call in progress on each thread; calls nest. */
    private final ThreadLocal<CallbackScope<T>> current = new ThreadLocal<>();

    /** @param callbackName the C callback type, for log messages (e.g. {@code "callback_fcn"}) */
    public ThreadBoundCallback(String callbackName) {
        this.callbackName = Objects.requireNonNull(callbackName, "callbackName");
    }

    /**
     * Runs {@code call} (a C call that will call back on this thread) with {@code target} bound
     * to this thread, then rethrows what the target threw, if anything, as the same instance.
     * Calls nest: an inner call restores the outer target when it returns.
     */
    public void within(T target, Runnable call) {
        Objects.requireNonNull(target, "target");
        CallbackScope<T> previous = current.get();
        try (CallbackScope<T> scope = CallbackScope.open(target, () -> { })) {
            current.set(scope);
            try {
                call.run();
            } finally {
                if (previous != null) {
                    current.set(previous);
                } else {
                    current.remove();
                }
            }
            scope.rethrowFailure();
        }
    }

    /**
     * The scope bound to the calling thread, or {@code null} (logged) when C calls back with no
     * target bound: after the call that bound it, or from another thread. Never throws.
     */
    public CallbackScope<T> current() {
        CallbackScope<T> scope = current.get();
        if (scope == null) {
            LOG.log(System.Logger.Level.ERROR, "dev.tunnel: {0} called on thread \"{1}\" with no Java target bound;"
                    + " the C library kept the pointer past the call that passed it", callbackName, Thread.currentThread().getName());
        }
        return scope;
    }
}
