package dev.tunnel.spi;

import dev.tunnel.Handle;
import dev.tunnel.internal.HandleTable;
import java.util.Objects;
import org.bytedeco.javacpp.Pointer;

/**
 * What one call into C shares with the gateways that call back into Java during it: the
 * callback target, the first {@link Throwable} a callback threw, and how to ask C to stop.
 *
 * <p>A scope travels through C as its handle's address (the C function's {@code void*
 * user_data}). A gateway finds it with {@link #enter(long, String)}, runs the target inside a
 * {@code try}, and hands anything thrown to {@link #recordFailure}, which records it and asks
 * C to stop; the gateway then returns to C normally, and no later callback of the scope enters
 * Java, even when the C library has no way to stop. When the C function has returned
 * and released what it holds, the Java entry point calls {@link #rethrowFailure()}, so the
 * caller gets the very instance the callback threw (type, message, stack and cause intact,
 * checked exceptions included) and C's cleanup ran. Nothing ever unwinds through C frames.
 *
 * <pre>{@code
 * try (TraverseControl control = new TraverseControl();
 *      CallbackScope<Visitor> scope = CallbackScope.open(visitor, () -> traverse_request_stop(control))) {
 *     int status = traverse_file(path, callbacks, scope.pointer(), control); // gateways call scope.target()
 *     scope.rethrowFailure();                                                  // after C cleaned up
 *     ...
 * }
 * }</pre>
 *
 * @param <T> the type of the callback target
 */
public final class CallbackScope<T> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CallbackScope.class.getName());

    private final T target;
    private final Runnable stopRequest;
    private final Handle<CallbackScope<T>> handle;
    /** The first failure; written once by whichever callback thread fails first (guarded by this). */
    private volatile Throwable failure;

    private CallbackScope(T target, Runnable stopRequest) {
        this.target = target;
        this.stopRequest = stopRequest;
        this.handle = Handle.of(this);
    }

    /**
     * Opens a scope for one call into C.
     *
     * @param target what the gateways call; may be null if gateways do not need one
     * @param stopRequest asks the C side to stop calling back (for example
     *     {@code traverse_request_stop(control)}); called at most once, on the failing thread
     */
    public static <T> CallbackScope<T> open(T target, Runnable stopRequest) {
        return new CallbackScope<>(target, Objects.requireNonNull(stopRequest, "stopRequest"));
    }

    /**
     * Opens a scope for a call into a C library that has no way to be asked to stop: after a
     * failure C keeps calling, and the gateways answer each call at once with their failure
     * value, without entering Java.
     *
     * <pre>{@code
     * try (CallbackScope<Comparator<Item>> scope = CallbackScope.open(comparator)) {
     *     qsort_r(items, n, size, COMPARE.GATEWAY, scope.pointer());
     *     scope.rethrowFailure();
     * }
     * }</pre>
     */
    public static <T> CallbackScope<T> open(T target) {
        return new CallbackScope<>(target, NO_STOP_REQUEST);
    }

    private static final Runnable NO_STOP_REQUEST = () -> { };

    /**
     * One call into C with callbacks, start to finish: opens a scope for {@code target}, makes
     * the C call with it, and once C has returned rethrows what a callback threw, as the same
     * instance, before the caller looks at C's result; the scope is closed in every case. A
     * Java exception of {@code c} itself propagates, with a callback's failure, if any, attached
     * as suppressed.
     *
     * <pre>{@code
     * int status = CallbackScope.call(visitor, () -> traverse_request_stop(control),
     *         scope -> traverse_file(path, callbacks, scope.pointer(), control));
     * if (status != TRAVERSE_OK) throw TraversalErrors.forStatus(status, path); // no callback failed
     * }</pre>
     *
     * @param stopRequest asks C to stop calling back, as for {@link #open(Object, Runnable)}
     * @return what {@code c} returned
     */
    public static <T, R> R call(T target, Runnable stopRequest, CCall<T, R> c) {
        return call(new CallbackScope<>(target, Objects.requireNonNull(stopRequest, "stopRequest")), c);
    }

    /** {@link #call(Object, Runnable, CCall)} for a C library that has no way to be asked to stop. */
    public static <T, R> R call(T target, CCall<T, R> c) {
        return call(new CallbackScope<>(target, NO_STOP_REQUEST), c);
    }

    private static <T, R> R call(CallbackScope<T> scope, CCall<T, R> c) {
        Objects.requireNonNull(c, "c");
        try (scope) {
            R result;
            try {
                result = c.call(scope);
            } catch (Throwable thrown) {
                Throwable failure = scope.failure;
                if (failure != null && failure != thrown) {
                    thrown.addSuppressed(failure);
                }
                throw thrown;
            }
            scope.rethrowFailure();
            return result;
        }
    }

    /**
     * The C call of {@link #call(Object, Runnable, CCall)}: receives the open scope, whose
     * {@link #pointer()} is the {@code user_data} to pass.
     *
     * @param <T> the callback target's type
     * @param <R> what the C call returns (boxed)
     */
    @FunctionalInterface
    public interface CCall<T, R> {
        /** Makes the C call. */
        R call(CallbackScope<T> scope);
    }

    /**
     * For gateways: the scope whose address C passed back as {@code user_data}, if it is live
     * and no callback of it has failed yet; otherwise {@code null}, and the gateway returns to C
     * without calling anything. An address that is not a live scope (a C bug: stale, forged or
     * NULL {@code user_data}) is counted and logged by {@link DroppedCallbacks}. Never throws
     * anything a gateway could not catch, allocates nothing on the way to a live scope.
     *
     * <pre>{@code
     * CallbackScope<?> scope = CallbackScope.enter(userData, "EndCallbackFn");
     * if (scope != null) ((EndCallbackFn.Function) scope.target()).end(a, b);
     * }</pre>
     *
     * @param callbackType the C callback type, for the log
     */
    public static CallbackScope<?> enter(long address, String callbackType) {
        Object value = HandleTable.global().find(address);
        if (value instanceof CallbackScope<?>) {
            CallbackScope<?> scope = (CallbackScope<?>) value;
            return scope.failure == null ? scope : null;
        }
        DroppedCallbacks.record(callbackType, () -> value == HandleTable.INVALID
                ? HandleTable.global().invalid(address).getMessage()
                : String.format("user_data 0x%016x is a handle of a %s, not a callback scope", address,
                        value == null ? "null value" : value.getClass().getName()));
        return null;
    }

    /**
     * For gateways: records that {@code thrown} escaped the Java side of a callback (its target,
     * or the gateway's own routing), as {@link #fail} does, and never throws, whatever happens
     * while recording. With no scope to record it in, it is logged.
     *
     * <pre>{@code
     * } catch (Throwable t) {
     *     CallbackScope.recordFailure(scope, t, "EndCallbackFn");
     * }
     * }</pre>
     *
     * @param scope the scope the callback ran in, or {@code null} if it failed before finding one
     */
    public static void recordFailure(CallbackScope<?> scope, Throwable thrown, String callbackType) {
        try {
            if (scope != null) {
                scope.fail(thrown);
            } else {
                LOG.log(System.Logger.Level.ERROR, "dev.tunnel: " + callbackType + " callback failed before reaching its target", thrown);
            }
        } catch (Throwable ignored) {
            // nothing more can be done under a C frame; the gateway returns its failure value
        }
    }

    /**
     * For gateways: the exception for a scope whose target does not implement the callback's
     * Java interface, naming both; the gateway records it as the callback's failure.
     */
    public static ClassCastException wrongTarget(CallbackScope<?> scope, Class<?> expected, String callbackType) {
        Object target = scope.target;
        return new ClassCastException("dev.tunnel: " + callbackType + " was called for " + scope + ", whose target ("
                + (target == null ? "null" : target.getClass().getName()) + ") is not a " + expected.getName());
    }

    /** The address C receives as {@code user_data}; never 0. */
    public long address() {
        return handle.address();
    }

    /** {@link #address()} as a JavaCPP {@link Pointer}, for {@code void*} parameters. */
    public Pointer pointer() {
        return handle.pointer();
    }

    /** The callback target this scope was opened with. */
    public T target() {
        return target;
    }

    /** Whether a callback has failed in this scope. */
    public boolean failed() {
        return failure != null;
    }

    /** The first failure, or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Records that a callback threw {@code thrown} and asks C to stop. The first failure is the
     * one the caller gets; later distinct ones are attached to it as suppressed exceptions.
     */
    public void fail(Throwable thrown) {
        boolean first;
        synchronized (this) {
            first = failure == null;
            if (first) {
                failure = thrown;
            } else if (failure != thrown) {
                failure.addSuppressed(thrown);
            }
        }
        if (first) {
            try {
                stopRequest.run();
            } catch (Throwable t) {
                thrown.addSuppressed(t);
            }
        }
    }

    /**
     * Throws the first failure, if any, as the same instance, whatever its type: an
     * {@code IOException} a callback threw reaches the caller as that {@code IOException}.
     * Call it after C has returned.
     */
    public void rethrowFailure() {
        Throwable thrown = failure;
        if (thrown != null) {
            CallbackScope.<RuntimeException>sneakyThrow(thrown);
        }
    }

    /** Deletes the scope's handle: C must no longer hold its address. */
    @Override
    public void close() {
        handle.close();
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> void sneakyThrow(Throwable thrown) throws X {
        throw (X) thrown;
    }

    @Override
    public String toString() {
        return "CallbackScope[" + handle + (failure != null ? ", failed: " + failure : "") + "]";
    }
}
