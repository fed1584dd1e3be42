package dev.tunnel;

import java.util.Objects;
import org.bytedeco.javacpp.Pointer;

/**
 * What one call into C shares with the gateways that call back into Java during it: the
 * callback target, the first {@link Throwable} a callback threw, and how to ask C to stop.
 *
 * <p>A scope travels through C as its handle's address (the C function's {@code void*
 * user_data}). A gateway finds it with {@link #route(long)}, runs the target inside a
 * {@code try}, and hands anything thrown to {@link #fail(Throwable)}, which records it and
 * asks C to stop; the gateway then returns to C normally. When the C function has returned
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
     * Finds the scope whose address C passed back to a gateway. Never throws: a gateway runs
     * under a C frame, where an exception cannot go. An address that is not a live scope (a C
     * bug: stale or forged {@code user_data}) is logged and yields {@code null}; the gateway
     * then returns to C without calling anything.
     */
    public static CallbackScope<?> route(long address) {
        try {
            return Handle.valueAt(address, CallbackScope.class);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "dev.tunnel: callback dropped: user_data is not a live callback scope", e);
            return null;
        }
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
