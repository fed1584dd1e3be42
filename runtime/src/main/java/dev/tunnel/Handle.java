package dev.tunnel;

import dev.tunnel.internal.HandleTable;
import java.util.List;
import org.bytedeco.javacpp.Pointer;

/**
 * A Java value that C code can hold: C gets an opaque, non-zero 64-bit address, and hands it
 * back to Java, which looks the value up again. This is how a Java object travels through the
 * {@code void* user_data} (or {@code uintptr_t}) of a C library and reaches the callback on the
 * other side.
 *
 * <p>{@link #of} creates a handle; the value stays strongly reachable, at the same address,
 * until the handle is deleted, either by {@link #close()} in Java or by {@link #delete(long)}
 * in a callback that C makes when it is done with it (a "free" or "destroy" callback). Delete
 * each handle exactly once, when C no longer holds its address. The {@code Handle} object is
 * only Java's view of the address: dropping it deletes nothing, since C may still hold the
 * address.
 *
 * <p>For instance, passing a handle as {@code uintptr_t}, with libtraverse's {@code myprint}
 * (Tunnel's {@code traverse} binding, {@code src/myprint.h}). On the C side:
 *
 * <pre>{@code
 * #include <stdint.h> // for uintptr_t
 *
 * typedef void (*HandlePrintFn)(uintptr_t handle);
 *
 * // A C function: passes the handle back to a Java function
 * void myprint(uintptr_t handle, HandlePrintFn print) {
 *     print(handle);
 * }
 * }</pre>
 *
 * <p>and on the Java side ({@code CHandles.myprint} hands C the gateway for {@code HandlePrintFn},
 * which calls {@code myJavaPrint} on this thread):
 *
 * <pre>{@code
 * static void myJavaPrint(long handle) {
 *     String val = Handle.valueAt(handle, String.class);
 *     System.out.println(val);
 *     Handle.delete(handle);
 * }
 *
 * public static void main(String[] args) {
 *     String val = "hello Java";
 *     CHandles.myprint(Handle.of(val).address(), Main::myJavaPrint);
 *     // Output: hello Java
 * }
 * }</pre>
 *
 * <p>Many C functions take a {@code void*} argument instead, which they pass on to the callback
 * without reading what it points to. {@link #pointer()} gives the same address as a JavaCPP
 * {@link Pointer} for such parameters (unlike Go, which passes the address of the handle, Java
 * can pass the handle itself: C never dereferences it). On the C side:
 *
 * <pre>{@code
 * typedef void (*ContextPrintFn)(void* context);
 *
 * void myprint_context(void* context, ContextPrintFn print) {
 *     print(context);
 * }
 * }</pre>
 *
 * <p>and on the Java side:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Handle<String> h = Handle.of("hello Java");
 *     CHandles.myprintContext(h.pointer(), Main::myJavaPrint); // C passes h.address() back
 *     // Output: hello Java
 * }
 * }</pre>
 *
 * <p>Both are the {@code handle} sample: {@code java -jar samples/target/tunnel-samples.jar handle}.
 *
 * <p>When C only uses the address during one call (a {@code foreach(list, fn, user_data)}),
 * tie the handle's life to a scope instead:
 *
 * <pre>{@code
 * try (Handle<List<String>> names = Handle.of(new ArrayList<>())) {
 *     foreach_name(COLLECT_NAME, names.pointer());   // COLLECT_NAME adds to valueAt(user_data, List.class)
 *     return names.value();
 * }
 * }</pre>
 *
 * <p>What Tunnel guarantees, in place of the rules C callbacks usually come with:
 * <ul>
 * <li>A bad address is never a crash, a wrong object or {@code null}. Looking up or deleting
 *     {@code 0}, an address Tunnel never issued, or one already deleted throws
 *     {@link InvalidHandleException}, whose message names the address in hex and says which.</li>
 * <li>A deleted address stays invalid when its slot is reused for a new handle: the address
 *     carries the slot's generation. A slot is retired for good after 2<sup>30</sup>
 *     generations rather than let them wrap.</li>
 * <li>Any thread may create, look up and delete handles, including native threads attached by
 *     JavaCPP. Looking up takes no lock and allocates nothing; it is what every callback does.</li>
 * <li>The value is strongly reachable while its handle is live, and no longer referenced by the
 *     table once it is deleted.</li>
 * </ul>
 *
 * <p>Addresses are 64 bits wide: {@code uintptr_t} and {@code void*} hold them on 64-bit
 * platforms only.
 *
 * <p>To find handles that are never deleted, run with {@code -Dtunnel.handle.trace=true} and
 * print {@link #liveTraces()}: each live handle with the stack that created it. It costs nothing
 * when off, and a stack walk per {@link #of} when on.
 *
 * @param <T> the type of the value
 */
public final class Handle<T> implements AutoCloseable {

    /** The system property that turns on recording where each handle was created. */
    public static final String TRACE_PROPERTY = "tunnel.handle.trace";
    /** Read once: when false, the JIT drops the tracing branch from {@link #of} altogether. */
    static final boolean TRACE = Boolean.getBoolean(TRACE_PROPERTY);
    static final HandleTable TABLE = HandleTable.global();

    private final long address;

    private Handle(long address) {
        this.address = address;
    }

    /**
     * Creates a handle for {@code value}, which stays strongly reachable until the handle is
     * deleted. Every call creates a new handle, even for equal or identical values.
     *
     * <pre>{@code
     * Handle<Session> h = Handle.of(session);
     * lib.set_user_data(conn, h.pointer());
     * }</pre>
     *
     * @param value any value, {@code null} included
     * @return a live handle
     */
    public static <T> Handle<T> of(T value) {
        return new Handle<>(TABLE.create(value, TRACE ? new Throwable() : null));
    }

    /**
     * The value this handle was created for.
     *
     * @throws InvalidHandleException if the handle has been deleted
     */
    @SuppressWarnings("unchecked")
    public T value() {
        return (T) TABLE.get(address);
    }

    /**
     * The address to give C, as a {@code uintptr_t} (or any integer as wide as a pointer). It is
     * never 0 and never negative, and stays the same for the life of the handle.
     */
    public long address() {
        return address;
    }

    /**
     * The {@linkplain #address() address} as a JavaCPP {@link Pointer}, for {@code void*}
     * parameters. C code must pass it along, never dereference it. Each call returns a new
     * {@code Pointer}; closing it does not delete the handle.
     *
     * <pre>{@code
     * lib.register_callback(ON_EVENT, h.pointer());   // void register_callback(callback_t, void* user_data)
     * }</pre>
     */
    public Pointer pointer() {
        return new AddressPointer(address);
    }

    /**
     * Deletes the handle: its address becomes invalid and the table drops its reference to the
     * value. Call it once C no longer holds the address. Equivalent to {@link #delete(long)
     * delete(address())}.
     *
     * @throws InvalidHandleException if the handle has already been deleted, here or by {@link #delete(long)}
     */
    @Override
    public void close() {
        TABLE.delete(address);
    }

    /** The address in hex, e.g. {@code Handle[0x0000000100000011]}. */
    @Override
    public String toString() {
        return String.format("Handle[0x%016x]", address);
    }

    /**
     * The value of the live handle at {@code address}, for a callback that C called with it.
     *
     * <pre>{@code
     * public @Name("on_event") void call(@Cast("uintptr_t") long userData, int event) {
     *     Session session = (Session) Handle.valueAt(userData);
     * }
     * }</pre>
     *
     * @throws InvalidHandleException if {@code address} is not a live handle
     */
    public static Object valueAt(long address) {
        return TABLE.get(address);
    }

    /**
     * The value of the live handle at {@code address}, checked to be a {@code type} (or null).
     *
     * <pre>{@code
     * Session session = Handle.valueAt(userData, Session.class);
     * }</pre>
     *
     * @throws InvalidHandleException if {@code address} is not a live handle
     * @throws ClassCastException     if the value is not a {@code type}; the message names the
     *                                address, the expected and the actual type
     */
    @SuppressWarnings("unchecked")
    public static <T> T valueAt(long address, Class<T> type) {
        Object value = TABLE.get(address);
        if (value != null && !type.isInstance(value)) {
            throw new ClassCastException(String.format("dev.tunnel: handle 0x%016x holds a %s, not a %s",
                    address, value.getClass().getName(), type.getName()));
        }
        return (T) value;
    }

    /**
     * The value of the live handle whose address {@code pointer} holds, for a callback that C
     * called with a {@code void*}.
     *
     * <pre>{@code
     * public @Name("on_event") void call(Pointer userData, int event) {
     *     Session session = (Session) Handle.valueAt(userData);
     * }
     * }</pre>
     *
     * @throws InvalidHandleException if {@code pointer} is null, or its address is not a live handle
     */
    public static Object valueAt(Pointer pointer) {
        return TABLE.get(addressOf(pointer));
    }

    /**
     * The value of the live handle whose address {@code pointer} holds, checked to be a {@code type}.
     *
     * <pre>{@code
     * Session session = Handle.valueAt(userData, Session.class);
     * }</pre>
     *
     * @throws InvalidHandleException if {@code pointer} is null, or its address is not a live handle
     * @throws ClassCastException     if the value is not a {@code type}
     */
    public static <T> T valueAt(Pointer pointer, Class<T> type) {
        return valueAt(addressOf(pointer), type);
    }

    /**
     * Deletes the live handle at {@code address}, for a callback that C makes when it frees what
     * held the address.
     *
     * <pre>{@code
     * public @Name("free_user_data") void call(@Cast("uintptr_t") long userData) {
     *     Handle.delete(userData);
     * }
     * }</pre>
     *
     * @throws InvalidHandleException if {@code address} is not a live handle, including one
     *                                already deleted
     */
    public static void delete(long address) {
        TABLE.delete(address);
    }

    /**
     * Deletes the live handle whose address {@code pointer} holds, for a {@code void*} "free" callback.
     *
     * <pre>{@code
     * public @Name("free_user_data") void call(Pointer userData) {
     *     Handle.delete(userData);
     * }
     * }</pre>
     *
     * @throws InvalidHandleException if {@code pointer} is null, or its address is not a live handle
     */
    public static void delete(Pointer pointer) {
        TABLE.delete(addressOf(pointer));
    }

    /**
     * How many handles are live: created and not yet deleted. A leak check for tests, e.g.
     * {@code assertEquals(before, Handle.live())}; exact when no other thread is creating or
     * deleting handles.
     */
    public static long live() {
        return TABLE.live();
    }

    /**
     * Describes every live handle, one string each: its address, the class of its value and,
     * when run with {@code -Dtunnel.handle.trace=true}, the stack that created it. For finding
     * the handles a program forgets to delete; it briefly locks the table, so not for hot paths.
     *
     * <pre>{@code
     * Handle.liveTraces().forEach(System.err::println);
     * // 0x0000000100000011 -> com.example.Session, created
     * //     at dev.tunnel.Handle.of(Handle.java:…)
     * //     at com.example.Server.accept(Server.java:42)
     * }</pre>
     */
    public static List<String> liveTraces() {
        return TABLE.liveTraces();
    }

    private static long addressOf(Pointer pointer) {
        if (pointer == null) {
            throw new InvalidHandleException(0, "null Pointer");
        }
        return pointer.address();
    }

    /** A {@link Pointer} to an address that is not memory; Pointer has no public way to set one. */
    private static final class AddressPointer extends Pointer {
        AddressPointer(long address) {
            this.address = address;
        }
    }
}
