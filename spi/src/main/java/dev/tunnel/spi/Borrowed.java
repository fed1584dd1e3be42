package dev.tunnel.spi;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A view of memory that C lends to a callback for the duration of the call: a {@link CString}
 * or a {@link NativePointer}. It reads the memory in place (no copy until you ask for one) on
 * the thread C called back on, and only until the callback returns; after that, or from another
 * thread, every access throws {@link IllegalStateException} naming the callback and parameter,
 * instead of reading memory C may have freed or reused.
 *
 * <pre>{@code
 * // C: typedef void (*NameFn)(void* user_data, const char* name);
 * NameFn.Function keep = name -> names.add(name.getString()); // copies: fine
 * NameFn.Function leak = name -> views.add(name);             // views.get(0).getString() later throws
 * }</pre>
 *
 * <p>What the check costs: a gateway allocates one small view per pointer argument (which the
 * JIT removes when the view does not escape the callback), and each access compares a field and
 * the current thread before it reads.
 */
public abstract class Borrowed {
    private final long address;
    private final String callbackType;
    private final String parameter;
    private final Thread owner = Thread.currentThread();
    /** Set by the gateway when the callback returns; read on the owner thread only. */
    private boolean released;
    private BytePointer memory;

    Borrowed(long address, String callbackType, String parameter) {
        this.address = address;
        this.callbackType = callbackType;
        this.parameter = parameter;
    }

    /** For gateways: ends the loan of {@code view} (which may be null). Never throws. */
    public static void release(Borrowed view) {
        if (view != null) {
            view.released = true;
            view.releaseDerived();
        }
    }

    /** Hook for views that hand out further objects over the same memory. */
    void releaseDerived() {
    }

    /** The address C passed; checked like every access. */
    public long address() {
        check();
        return address;
    }

    /** The memory at the address, as a JavaCPP pointer for reads; created once per view. */
    final BytePointer memory() {
        check();
        if (memory == null) {
            memory = new AddressPointer(address);
        }
        return memory;
    }

    final void check() {
        if (released) {
            throw new IllegalStateException("dev.tunnel: the " + parameter + " argument of a " + callbackType
                    + " callback was used after the callback returned; C lends it only during the call: copy what you keep");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("dev.tunnel: the " + parameter + " argument of a " + callbackType
                    + " callback was used on thread \"" + Thread.currentThread().getName() + "\"; it is valid only on \""
                    + owner.getName() + "\", during the call");
        }
    }

    /** Names the view without reading the memory; safe to call at any time. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + callbackType + "." + parameter + String.format(" at 0x%x", address)
                + (released ? ", released]" : "]");
    }

    /** A JavaCPP pointer at an address C gave; never frees anything. */
    static final class AddressPointer extends BytePointer {
        AddressPointer(long address) {
            super((Pointer) null);
            this.address = address;
        }

        /** Points this pointer at {@code address}: one pointer reused for call after call. */
        AddressPointer at(long address) {
            this.address = address;
            return this;
        }
    }
}
