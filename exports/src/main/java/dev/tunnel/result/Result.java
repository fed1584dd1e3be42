package dev.tunnel.result;

/**
 * The blog post's {@code Result}, in Java: three values of C's types, which C sets and prints
 * through a {@link dev.tunnel.Handle} (see {@code result.h}). {@code val3} is C's
 * {@code uint32_t}: Java keeps its 32 bits in an {@code int} and prints it unsigned.
 *
 * <pre>{@code
 * Result r = new Result();
 * r.set((short) -1, 123, 456);
 * r.toString();                      // "1: -1, 2: 123, 3: 456"
 * r.set((short) 0, 0, (int) 4_000_000_000L);
 * r.toString();                      // "1: 0, 2: 0, 3: 4000000000"
 * }</pre>
 *
 * <p>Thread-safe: C threads may set and print the same Result at once, and each sees the three
 * values of one {@code set}.
 */
public final class Result {
    private short value1;
    private long value2;
    /** C's {@code uint32_t}, as its bits. */
    private int value3;

    /**
     * Sets the three values.
     *
     * @param val3 a {@code uint32_t}: values above 2<sup>31</sup> arrive negative and stay exact
     */
    public synchronized void set(short val1, long val2, int val3) {
        this.value1 = val1;
        this.value2 = val2;
        this.value3 = val3;
    }

    /** {@code "1: <val1>, 2: <val2>, 3: <val3>"}, with {@code val3} unsigned, as C's {@code %d} of the Go original. */
    @Override
    public synchronized String toString() {
        return "1: " + value1 + ", 2: " + value2 + ", 3: " + Integer.toUnsignedString(value3);
    }
}
