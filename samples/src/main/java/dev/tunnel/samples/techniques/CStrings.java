package dev.tunnel.samples.techniques;

import static dev.tunnel.traverse.global.traverse.*;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Strings and bytes across the C boundary, each with its owner stated: the cgo wiki's
 * {@code C.CString}/{@code C.GoString}/{@code C.GoStringN}/{@code C.GoBytes} lessons.
 *
 * <pre>{@code
 * CStrings.greeting("Java");        // "Hello, Java!"  (C mallocs, Java copies then frees)
 * CStrings.greetingInto("Java", 6); // "Hello"         (Java owns the buffer; C truncates)
 * CStrings.packet();                // {'T','U','N',0,'N','E','L'}: length-delimited, embedded NUL
 * }</pre>
 */
public final class CStrings {
    private CStrings() {
    }

    /**
     * C's {@code tn_greeting(name)}: C allocates the string, this copies it into a Java
     * {@code String} and frees the C memory exactly once, whatever happens.
     *
     * @throws OutOfMemoryError if C could not allocate it
     */
    public static String greeting(String name) {
        Objects.requireNonNull(name, "name");
        try (BytePointer cName = new BytePointer(name, StandardCharsets.UTF_8)) {
            BytePointer greeting = tn_greeting(cName);
            if (greeting == null || greeting.isNull()) {
                throw new OutOfMemoryError("tn_greeting(\"" + name + "\") returned NULL");
            }
            try {
                return greeting.getString(StandardCharsets.UTF_8);
            } finally {
                tn_free(greeting); // C's allocator, C's free: never JavaCPP's deallocator
            }
        }
    }

    /**
     * C's {@code tn_greeting_into(name, buffer, capacity)}: Java allocates a buffer of
     * {@code capacity} bytes, C fills it (truncating, always NUL-terminated), Java frees it.
     *
     * @return the greeting, truncated to {@code capacity - 1} bytes
     */
    public static String greetingInto(String name, int capacity) {
        Objects.requireNonNull(name, "name");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 (room for the NUL), got " + capacity);
        }
        try (BytePointer cName = new BytePointer(name, StandardCharsets.UTF_8);
             BytePointer buffer = new BytePointer(capacity)) {
            long needed = tn_greeting_into(cName, buffer, capacity);
            // getString() reads up to limit(), which for an allocated buffer is its capacity:
            // bound it to what C wrote, not counting the NUL
            return buffer.limit(Math.min(needed, capacity - 1)).getString(StandardCharsets.UTF_8);
        }
    }

    /**
     * C's {@code tn_packet(&length)}: bytes with an explicit length that may hold NUL and have
     * no terminator, so they are copied by length ({@code C.GoBytes}), never as a C string.
     * The memory is C's static data: nothing to free.
     */
    public static byte[] packet() {
        try (SizeTPointer length = new SizeTPointer(1)) {
            BytePointer bytes = tn_packet(length);
            byte[] copy = new byte[Math.toIntExact(length.get())];
            bytes.get(copy);
            return copy;
        }
    }
}
