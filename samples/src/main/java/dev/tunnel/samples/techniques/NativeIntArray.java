package dev.tunnel.samples.techniques;

import static dev.tunnel.traverse.global.traverse.tn_free;
import static dev.tunnel.traverse.global.traverse.tn_sum;

import java.nio.IntBuffer;
import org.bytedeco.javacpp.IntPointer;

/**
 * An {@code int32_t} array allocated by C, seen from Java without copying, and freed by C's
 * allocator when closed. The lifetime is the {@code try} block: a view obtained from
 * {@link #view()} must not be used after {@link #close()}, as with a cgo slice over C memory.
 *
 * <pre>{@code
 * try (NativeIntArray squares = CArrays.squaresView(4)) {
 *     IntBuffer view = squares.view();   // no copy: C's memory
 *     view.put(0, 100);                  // C sees the write
 *     long sum = squares.sumInC();       // 100 + 1 + 4 + 9
 * }
 * }</pre>
 */
public final class NativeIntArray implements AutoCloseable {
    private IntPointer memory;
    private final int length;

    NativeIntArray(IntPointer memory, int length) {
        this.memory = memory;
        this.length = length;
    }

    /** Number of elements. */
    public int length() {
        return length;
    }

    /**
     * A zero-copy view of the C array, in native byte order.
     *
     * @throws IllegalStateException if the array was closed
     */
    public IntBuffer view() {
        return open().capacity(length).asBuffer();
    }

    /** The elements copied into a Java array. */
    public int[] toArray() {
        int[] copy = new int[length];
        open().get(copy);
        return copy;
    }

    /** The sum of the elements, computed by C over its own memory (so it sees writes through views). */
    public long sumInC() {
        return tn_sum(open(), length);
    }

    private IntPointer open() {
        if (memory == null) {
            throw new IllegalStateException("NativeIntArray of " + length + " ints is closed");
        }
        return memory;
    }

    /** Frees the C array with C's {@code free}; further calls do nothing. */
    @Override
    public void close() {
        if (memory != null) {
            tn_free(memory);
            memory = null;
        }
    }
}
