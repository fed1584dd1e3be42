package dev.tunnel.spi;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacpp.FunctionPointer;

/**
 * A Java target with a C function pointer of its own, for C APIs that keep a bare function
 * pointer (no {@code user_data}) and call it later, from any thread: log handlers, hooks,
 * comparators a library keeps. Every typedef declared with {@link Callback} has one factory,
 * {@code closure(Function)}, in its generated class.
 *
 * <pre>{@code
 * // C: typedef int64_t (*TraverseHookFn)(int64_t token);  int traverse_hooks_add(TraverseHookFn hook);
 * try (Closure<TraverseHookFn> hook = TraverseHookFn.closure(token -> token + 1)) {
 *     traverse_hooks_add(hook.pointer());   // C keeps it, and may call it from threads of its own
 *     ...                                   // C must be done with it before close
 * }
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 * <li><b>Lifetime.</b> The target is strongly held from {@code closure(...)} until
 *     {@link #close()}, whether or not this object is still referenced: a closure never closed
 *     lives as long as the process, as C may still call it. After close the target is released.</li>
 * <li><b>Calls after close</b> never reach another closure's target and never crash: a pointer
 *     is never reused, so such a call reaches Java as a call to this closed closure; it is
 *     logged (by {@link DroppedCallbacks}, naming the typedef and the closure) and C gets the
 *     typedef's failure value. Calls that entered before {@code close} may still be running
 *     when it returns: {@code close} does not wait for them.</li>
 * <li><b>Threads.</b> Any thread may call, including threads C created after the call that
 *     registered the pointer returned; they are attached to the JVM as daemons.</li>
 * <li><b>Exceptions.</b> Whatever the target throws goes to its {@link ClosureExceptionHandler};
 *     C gets the failure value. Nothing unwinds through C.</li>
 * <li><b>No limit</b> on how many are live. Each closure ever opened keeps 48 bytes of address
 *     space, 32 of them memory, for the life of the process, the price of never reusing a
 *     pointer (a million closures opened over a process's life: 32 MB).</li>
 * </ul>
 *
 * <p>A call costs one static gateway call plus a few nanoseconds: C calls a 16-byte trampoline
 * of this closure's, which records which closure was called in a thread-local variable and
 * jumps to the typedef's gateway for closures with every argument untouched. No code is
 * written at run time and no memory is ever writable and executable (see
 * {@code dev/tunnel/include/tunnel_closure.h}).
 *
 * @param <P> the typedef's generated class, which {@link #pointer()} is
 */
public final class Closure<P extends FunctionPointer> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Closure.class.getName());

    /** Logs at ERROR with the stack: what closures without a handler of their own get. */
    public static final ClosureExceptionHandler LOG_AT_ERROR = (closure, thrown) -> LOG.log(System.Logger.Level.ERROR,
            "dev.tunnel: " + closure + " threw; C gets the failure value", thrown);

    private static volatile ClosureExceptionHandler defaultHandler = LOG_AT_ERROR;

    private final ClosureRegistry<P, ?> registry;
    private final long id;
    /** The typedef's class over the closure's C slot: its address is the slot's. */
    private final P pointer;
    private final ClosureExceptionHandler handler;
    private final AtomicBoolean closed = new AtomicBoolean();

    Closure(ClosureRegistry<P, ?> registry, long id, P pointer, ClosureExceptionHandler handler) {
        this.registry = registry;
        this.id = id;
        this.pointer = pointer;
        this.handler = handler;
    }

    /**
     * The function pointer to hand to C, as the typedef's class. It stays a valid C function
     * pointer after close: C may still call it, and the call is rejected.
     */
    public P pointer() {
        return pointer;
    }

    /** The C function pointer's value: the address of this closure's trampoline. */
    public long address() {
        return Gateways.functionAddress(pointer);
    }

    /** The C callback type, e.g. {@code "TraverseHookFn"}. */
    public String type() {
        return registry.type();
    }

    /** This closure's id among the live closures of its typedef, as the log names it. */
    public long id() {
        return id;
    }

    /** Whether {@link #close()} has not been called. */
    public boolean isOpen() {
        return !closed.get();
    }

    /**
     * Closes the closure: from now on C's calls through its pointer are rejected, and the
     * target is released. Idempotent. Call it once C no longer calls the pointer (unregister
     * it from the C library first), or C's later calls are logged as rejected.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registry.close(id, pointer.address());
        }
    }

    /** The handler for this closure's exceptions: its own, else the default when called. */
    ClosureExceptionHandler handler() {
        return handler != null ? handler : defaultHandler;
    }

    /**
     * Sets the handler of every closure opened without one of its own, from its next
     * exception on.
     */
    public static void setDefaultExceptionHandler(ClosureExceptionHandler handler) {
        defaultHandler = Objects.requireNonNull(handler, "handler");
    }

    /** The handler of closures opened without one: {@link #LOG_AT_ERROR} unless set. */
    public static ClosureExceptionHandler defaultExceptionHandler() {
        return defaultHandler;
    }

    /** For example {@code "TraverseHookFn closure 0x0000000100000010 at 0x00007f3a1c010010"}. */
    @Override
    public String toString() {
        return ClosureRegistry.describe(type(), id) + " at " + String.format("0x%016x", address()) + (isOpen() ? "" : " (closed)");
    }
}
