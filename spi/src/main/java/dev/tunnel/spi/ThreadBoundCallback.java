package dev.tunnel.spi;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Routes a C callback that has no {@code user_data} to a Java target: the target is bound to the
 * calling thread for the duration of one synchronous C call, without any global lock. The
 * generated gateway of a typedef declared with {@code @Callback(userData = Callback.NONE)} holds
 * one as {@code TARGET}.
 *
 * <pre>{@code
 * // C: typedef int (*callback_fcn)(int);  void some_c_func(callback_fcn callback);
 * callback_fcn.TARGET.within(x -> x + 1, () -> some_c_func(callback_fcn.GATEWAY));
 * int r = callback_fcn.TARGET.call(x -> x * 2, () -> apply_twice(callback_fcn.GATEWAY, 21)); // 84
 * }</pre>
 *
 * <p>The limit is in the name. A C library that keeps the function pointer and calls it after
 * the call that passed it returned, or from another thread, reaches whatever target is bound on
 * the calling thread at that moment: none (the callback is dropped, logged by
 * {@link DroppedCallbacks}, and C gets the gateway's failure value), or another
 * {@code within} call's target on the same thread, which cannot be told apart. Such libraries
 * need a {@code user_data} (a {@link CallbackScope}) to say whose callback it is, or a
 * {@link Closure}: a pointer of its own per target, which the generated class's
 * {@code closure(Function)} opens.
 *
 * @param <T> the type of the Java target
 */
public final class ThreadBoundCallback<T> {
    private final String callbackType;
    /** The scope of the C call in progress on each thread; calls nest. */
    private final ThreadLocal<CallbackScope<T>> current = new ThreadLocal<>();

    /** @param callbackType the C callback type, for log messages (e.g. {@code "callback_fcn"}) */
    public ThreadBoundCallback(String callbackType) {
        this.callbackType = Objects.requireNonNull(callbackType, "callbackType");
    }

    /**
     * Runs {@code call} (a C call that will call back on this thread) with {@code target} bound
     * to this thread, then rethrows what the target threw, if anything, as the same instance.
     * Calls nest: an inner call restores the outer target when it returns.
     */
    public void within(T target, Runnable call) {
        Objects.requireNonNull(call, "call");
        call(target, () -> {
            call.run();
            return null;
        });
    }

    /**
     * {@link #within} for a C call that returns a result: returns it, unless the target threw,
     * in which case that is rethrown as the same instance and the result is dropped.
     */
    public <R> R call(T target, Supplier<R> call) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(call, "call");
        CallbackScope<T> previous = current.get();
        return CallbackScope.call(target, scope -> {
            current.set(scope);
            try {
                return call.get();
            } finally {
                if (previous != null) {
                    current.set(previous);
                } else {
                    current.remove();
                }
            }
        });
    }

    /**
     * For gateways: the scope bound to the calling thread if no callback of it has failed yet,
     * otherwise {@code null}; a call with no target bound (after the call that bound it, or from
     * another thread) is counted and logged by {@link DroppedCallbacks}. Never throws anything a
     * gateway could not catch.
     */
    public CallbackScope<T> enter() {
        CallbackScope<T> scope = current.get();
        if (scope == null) {
            String thread = Thread.currentThread().getName();
            DroppedCallbacks.record(callbackType, () -> "no Java target is bound on thread \"" + thread
                    + "\": the C library kept the pointer past the call that passed it");
            return null;
        }
        return scope.failed() ? null : scope;
    }

    /** The C callback type this routes, as given to the constructor. */
    public String callbackType() {
        return callbackType;
    }
}
