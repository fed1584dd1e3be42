package dev.tunnel.samples.techniques;

import static dev.tunnel.traverse.global.traverse.tn_squares;

import org.bytedeco.javacpp.IntPointer;

/**
 * C arrays read by copy or through a zero-copy view: the cgo wiki's "turning C arrays into
 * Go slices".
 *
 * <pre>{@code
 * int[] copy = CArrays.squares(4);                       // {0, 1, 4, 9}; C memory already freed
 * try (NativeIntArray view = CArrays.squaresView(4)) {   // C memory, freed at the end of the block
 *     int third = view.view().get(2);                    // 4
 * }
 * }</pre>
 */
public final class CArrays {
    private CArrays() {
    }

    /** C's {@code tn_squares(count)}, copied into a Java array; the C array is freed before returning. */
    public static int[] squares(int count) {
        try (NativeIntArray array = squaresView(count)) {
            return array.toArray();
        }
    }

    /**
     * C's {@code tn_squares(count)} as a C-owned array to view without copying; close it.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws OutOfMemoryError if C could not allocate it
     */
    public static NativeIntArray squaresView(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        IntPointer memory = tn_squares(count);
        if (memory == null || memory.isNull()) {
            throw new OutOfMemoryError("tn_squares(" + count + ") returned NULL");
        }
        return new NativeIntArray(memory, count);
    }
}
