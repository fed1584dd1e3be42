package dev.tunnel.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bytedeco.javacpp.Pointer;

/**
 * A pointer argument other than {@code char*} that C lends to a callback ({@code void*},
 * {@code int*}, {@code struct point*}, {@code char**}): valid on the calling thread until the
 * callback returns (see {@link Borrowed}). A NULL pointer reaches Java as {@code null}.
 *
 * <pre>{@code
 * // C: typedef void (*MoveFn)(void* user_data, point* p, int* steps);
 * MoveFn.Function f = (p, steps) -> {
 *     Point point = p.as(Point::new);      // JavaCPP's typed pointer, valid during the call
 *     point.x(point.x() + steps.getInt(0));
 * };
 * }</pre>
 */
public final class NativePointer extends Borrowed {
    /** Typed pointers handed out by {@link #as}; nulled when the loan ends (owner thread only). */
    private List<Pointer> typed;

    private NativePointer(long address, String callbackType, String parameter) {
        super(address, callbackType, parameter);
    }

    /** For gateways: a view of {@code address}, or {@code null} if it is NULL. */
    public static NativePointer borrow(long address, String callbackType, String parameter) {
        return address == 0 ? null : new NativePointer(address, callbackType, parameter);
    }

    /**
     * The memory as a JavaCPP pointer of your choice, for the call's duration: when the callback
     * returns, Tunnel sets it to NULL, so a use after that throws JavaCPP's
     * {@code NullPointerException} instead of reading freed memory.
     *
     * @param cast a JavaCPP pointer-cast constructor, such as {@code IntPointer::new}
     */
    public <P extends Pointer> P as(Function<Pointer, P> cast) {
        P pointer = cast.apply(memory());
        if (typed == null) {
            typed = new ArrayList<>(2);
        }
        typed.add(pointer);
        return pointer;
    }

    @Override
    void releaseDerived() {
        if (typed != null) {
            for (Pointer pointer : typed) {
                pointer.setNull();
            }
        }
    }

    /** The byte at {@code offset} bytes from the address. */
    public byte getByte(long offset) {
        return memory().get(offset);
    }

    /** The {@code int} at {@code offset} bytes from the address, in native byte order. */
    public int getInt(long offset) {
        return memory().getInt(offset);
    }

    /** The {@code long} (64 bits) at {@code offset} bytes from the address, in native byte order. */
    public long getLong(long offset) {
        return memory().getLong(offset);
    }

    /** The {@code double} at {@code offset} bytes from the address, in native byte order. */
    public double getDouble(long offset) {
        return memory().getDouble(offset);
    }

    /** The pointer stored at {@code offset} bytes from the address, as an address. */
    public long getAddress(long offset) {
        Pointer value = memory().getPointerValue(offset);
        return value == null ? 0 : value.address();
    }

    /** A copy of {@code length} bytes from {@code offset} bytes past the address. */
    public byte[] getBytes(long offset, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("cannot copy " + length + " bytes of " + this);
        }
        byte[] bytes = new byte[length];
        memory().position(offset).get(bytes, 0, length);
        memory().position(0);
        return bytes;
    }
}
