package dev.tunnel.spi;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;

/**
 * A {@code char*} argument C lends to a callback: the bytes in place, read on demand, valid on
 * the calling thread until the callback returns (see {@link Borrowed}). A NULL {@code char*}
 * reaches Java as {@code null}, not as a view.
 *
 * <pre>{@code
 * // C: typedef void (*LineFn)(void* user_data, const char* text, size_t length);
 * LineFn.Function f = (text, length) -> {
 *     String line = text.getString(length);            // a copy: the bytes, NULs included, as UTF-8
 *     byte first = length > 0 ? text.byteAt(0) : 0;     // no copy
 *     String name = text.getString();                   // up to the first NUL
 * };
 * }</pre>
 *
 * <p>Costs: {@link #getString()} allocates the {@code String} and its bytes; {@link #byteAt}
 * and {@link #length()} allocate nothing after the view's first access; each access is a JNI
 * call into JavaCPP's memory functions.
 */
public final class CString extends Borrowed {
    private CString(long address, String callbackType, String parameter) {
        super(address, callbackType, parameter);
    }

    /** For gateways: a view of {@code address}, or {@code null} if it is NULL. */
    public static CString borrow(long address, String callbackType, String parameter) {
        return address == 0 ? null : new CString(address, callbackType, parameter);
    }

    /** The number of bytes before the first NUL ({@code strlen}). */
    public long length() {
        return BytePointer.strlen(memory());
    }

    /** The byte at {@code index}; the caller knows the length (from C, or {@link #length()}). */
    public byte byteAt(long index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("index " + index + " of " + this);
        }
        return memory().get(index);
    }

    /** The bytes before the first NUL, decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String getString() {
        return new String(getBytes(), StandardCharsets.UTF_8);
    }

    /** The bytes before the first NUL, decoded with {@code charset}. */
    public String getString(Charset charset) {
        return new String(getBytes(), charset);
    }

    /** Exactly {@code length} bytes, NULs included, decoded as UTF-8. */
    public String getString(long length) {
        return new String(getBytes(length), StandardCharsets.UTF_8);
    }

    /** A copy of the bytes before the first NUL. */
    public byte[] getBytes() {
        return getBytes(length());
    }

    /**
     * A copy of exactly {@code length} bytes, NULs included.
     *
     * @throws IllegalArgumentException if {@code length} is negative or larger than an array can be
     */
    public byte[] getBytes(long length) {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot copy " + length + " bytes of " + this);
        }
        byte[] bytes = new byte[(int) length];
        memory().position(0).get(bytes, 0, bytes.length);
        return bytes;
    }
}
