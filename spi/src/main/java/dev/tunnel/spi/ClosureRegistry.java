package dev.tunnel.spi;

import dev.tunnel.internal.HandleTable;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;

/**
 * The live {@link Closure}s of one C callback typedef, for its generated class: it opens them
 * (a C slot from {@code tunnel_closure.h} and an id in a {@link HandleTable}), and its gateway
 * for closures finds the target of each call C makes.
 *
 * <pre>{@code
 * // in the generated class of TraverseHookFn (see Callback):
 * static final ClosureRegistry<TraverseHookFn, Function> CLOSURES = new ClosureRegistry<>(
 *         TYPE, GATEWAY, TraverseHookFn::new, new Slots());
 * public long call(long token) {                         // the gateway for closures
 *     ClosureRegistry.Entry<Function> closure = CLOSURES.enter(tunnel_closure_current());
 *     ...                                                // closure.target().apply(token)
 * }
 * }</pre>
 *
 * <p>The id C's slot holds is an address in one {@link HandleTable} shared by every typedef's
 * closures: once the closure is closed its slot is marked retired as well, so a late call is
 * rejected twice over, by the mark and by the table's generation check, and never finds a newer
 * closure's target; and an id reaching the wrong typedef's gateway finds a closure of another
 * registry, which is rejected too.
 *
 * @param <P> the typedef's generated class, which a closure's pointer is
 * @param <F> the typedef's {@code Function} interface, which a target implements
 */
public final class ClosureRegistry<P extends FunctionPointer, F> {
    /** Set in an id C reports once the closure is closed ({@code TUNNEL_CLOSURE_RETIRED}). */
    public static final long RETIRED = 1L << 63;

    /** The C side of closures: the functions of {@code tunnel_closure.h}, bound by the generated class. */
    public interface Slots {
        /** {@code tunnel_closure_open}: a new slot calling {@code gateway} with {@code id}, or 0. */
        long open(long id, long gateway);

        /** {@code tunnel_closure_retire}: marks {@code slot}'s closure closed. */
        void retire(long slot);

        /** {@code tunnel_closure_error}: why the last {@link #open} returned 0. */
        String error();
    }

    /** Every typedef's closures, so that no two closures of a process share an id. */
    private static final HandleTable IDS = new HandleTable();

    /** What a call through a live closure finds: its target, and the closure for its handler. */
    public static final class Entry<F> {
        private final ClosureRegistry<?, F> registry;
        private final F target;
        private Closure<?> closure;

        private Entry(ClosureRegistry<?, F> registry, F target) {
            this.registry = registry;
            this.target = target;
        }

        /** The Java target C called. */
        public F target() {
            return target;
        }
    }

    private final String type;
    private final FunctionPointer gateway;
    private final long gatewayAddress;
    private final LongFunction<P> pointers;
    private final Slots slots;
    private final LongAdder live = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    /**
     * @param type the C callback type, for messages
     * @param gateway the typedef's gateway for closures, already {@linkplain Gateways#require required}
     * @param pointers makes the typedef's class over a slot's address (its first word is the closure's code)
     * @param slots the C side
     */
    public ClosureRegistry(String type, FunctionPointer gateway, LongFunction<P> pointers, Slots slots) {
        this.type = Objects.requireNonNull(type, "type");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.gatewayAddress = Gateways.functionAddress(gateway);
        this.pointers = Objects.requireNonNull(pointers, "pointers");
        this.slots = Objects.requireNonNull(slots, "slots");
    }

    /**
     * Opens a closure calling {@code target}.
     *
     * @param handler gets what {@code target} throws; null for the default
     *     ({@link Closure#defaultExceptionHandler()})
     * @throws IllegalStateException naming the typedef and platform if C has no slot for it
     */
    public Closure<P> open(F target, ClosureExceptionHandler handler) {
        Entry<F> entry = new Entry<>(this, Objects.requireNonNull(target, "target"));
        long id = IDS.create(entry, null);
        long slot;
        try {
            slot = slots.open(id, gatewayAddress);
            if (slot == 0) {
                throw new IllegalStateException("dev.tunnel: cannot open a " + type + " closure on platform "
                        + Loader.getPlatform() + ": " + slots.error());
            }
        } catch (RuntimeException | Error e) {
            IDS.delete(id);
            throw e;
        }
        Closure<P> closure = new Closure<>(this, id, pointers.apply(slot), handler);
        entry.closure = closure;
        live.increment();
        return closure;
    }

    /**
     * For the gateway for closures, first thing: the live closure C called, given the id
     * {@code tunnel_closure_current()} returned, or null if it is closed (or there is none:
     * the gateway was called directly), which is counted and logged. Never throws.
     */
    @SuppressWarnings("unchecked")
    public Entry<F> enter(long id) {
        Object found = (id & RETIRED) == 0 ? IDS.find(id) : HandleTable.INVALID;
        if (found instanceof Entry && ((Entry<?>) found).registry == this) {
            return (Entry<F>) found;
        }
        reject(id);
        return null;
    }

    private void reject(long id) {
        rejected.increment();
        DroppedCallbacks.record(type, () -> id == 0 || (id & RETIRED) == 0 && IDS.find(id) != HandleTable.INVALID
                ? "the " + type + " gateway for closures was called directly, not through one of its closures' pointers"
                : describe(type, id & ~RETIRED) + " is closed: C called it after close()");
    }

    /**
     * For the gateway for closures: hands what {@code closure}'s target threw to its handler.
     * Never throws: a handler's own failure is logged.
     */
    public void uncaught(Entry<F> closure, Throwable thrown) {
        try {
            if (closure != null) {
                closure.closure.handler().uncaught(closure.closure, thrown);
            }
        } catch (Throwable failed) {
            try {
                System.getLogger(Closure.class.getName()).log(System.Logger.Level.ERROR,
                        "dev.tunnel: the exception handler of " + closure.closure + " threw; dropped", failed);
            } catch (Throwable lost) {
                // a logging backend that throws must not get out into C either
            }
        }
    }

    void close(long id, long slot) {
        slots.retire(slot);
        IDS.delete(id);
        live.decrement();
    }

    /** The C callback type. */
    public String type() {
        return type;
    }

    /**
     * The typedef's gateway for closures, where every closure's trampoline jumps: on Java 22+
     * an FFM upcall stub (see {@link Upcalls#pathOf}), else its JNI trampoline. For diagnostics:
     * C must call a closure's pointer, never this, which finds no closure of its own.
     */
    public FunctionPointer gateway() {
        return gateway;
    }

    /** Closures of this typedef open now. */
    public long live() {
        return live.sum();
    }

    /** Calls through a closed closure's pointer (or with no closure) since the JVM started. */
    public long rejected() {
        return rejected.sum();
    }

    static String describe(String type, long id) {
        return type + " closure " + String.format("0x%016x", id);
    }
}
