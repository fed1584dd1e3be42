package dev.tunnel.spi;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.bytedeco.javacpp.IntPointer;

/**
 * Native memory that C batching gateways ({@code dev/tunnel/include/tunnel_batch.h}, shipped in
 * this jar) fill with event records, read by Java in place through a direct {@link IntBuffer}:
 * no copy, and no allocation per event. Two layouts, chosen per batch and the same on both
 * sides: {@link #RECORD_INTS} ints per record (the event kind, then two int arguments) when a
 * batch carries several kinds of event, and {@link #PAIR_INTS} (the two arguments) when it
 * carries one kind only, which saves a third of the stores, loads and cache.
 *
 * <pre>{@code
 * try (BatchBuffer buffer = new BatchBuffer(4096)) {
 *     IntBuffer records = buffer.records();          // the same memory C writes
 *     // C: tunnel_batch_init(&batch, buffer.pointer(), 4096, TUNNEL_BATCH_RECORD_INTS, flush, user_data)
 *     // in flush(user_data, count): record r is records.get(3*r), .get(3*r+1), .get(3*r+2)
 * }
 * try (BatchBuffer buffer = new BatchBuffer(4096, BatchBuffer.PAIR_INTS)) {
 *     LongBuffer pairs = buffer.pairs();             // one 64-bit load per record
 *     // in flush(user_data, count): long pair = pairs.get(r); first(pair), second(pair)
 * }
 * }</pre>
 */
public final class BatchBuffer implements AutoCloseable {
    /** Ints per record of a mixed batch (kind, a, b); {@code TUNNEL_BATCH_RECORD_INTS} in tunnel_batch.h. */
    public static final int RECORD_INTS = 3;

    /** Ints per record of a single-kind batch (a, b); {@code TUNNEL_BATCH_PAIR_INTS} in tunnel_batch.h. */
    public static final int PAIR_INTS = 2;

    /** Where C's first int of a pair lands in the long that reads it: the low half on little-endian. */
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final int capacity;
    private final int recordInts;
    private final IntPointer memory;
    private final IntBuffer records;
    private final LongBuffer pairs;

    /** Room for {@code capacity} records of {@link #RECORD_INTS} ints; see {@link #BatchBuffer(int, int)}. */
    public BatchBuffer(int capacity) {
        this(capacity, RECORD_INTS);
    }

    /**
     * Allocates room for {@code capacity} records of {@code recordInts} ints each.
     *
     * @throws IllegalArgumentException if {@code recordInts} is neither {@link #RECORD_INTS} nor
     *     {@link #PAIR_INTS}, {@code capacity} is not positive, or the buffer would exceed what an
     *     int index can address
     */
    public BatchBuffer(int capacity, int recordInts) {
        if (recordInts != RECORD_INTS && recordInts != PAIR_INTS) {
            throw new IllegalArgumentException("ints per record must be " + RECORD_INTS + " or " + PAIR_INTS
                    + ", got " + recordInts);
        }
        if (capacity < 1 || capacity > Integer.MAX_VALUE / recordInts) {
            throw new IllegalArgumentException("batch capacity must be 1.." + Integer.MAX_VALUE / recordInts
                    + " records, got " + capacity);
        }
        this.capacity = capacity;
        this.recordInts = recordInts;
        this.memory = new IntPointer((long) capacity * recordInts);
        this.records = memory.asBuffer();
        this.pairs = recordInts == PAIR_INTS ? memory.asByteBuffer().order(ByteOrder.nativeOrder()).asLongBuffer() : null;
    }

    /** Records the buffer holds. */
    public int capacity() {
        return capacity;
    }

    /** The buffer's length in ints ({@code int32_t} values): what C is told it may fill. */
    public long length() {
        return (long) capacity * recordInts;
    }

    /** Ints per record: {@link #RECORD_INTS} or {@link #PAIR_INTS}. */
    public int recordInts() {
        return recordInts;
    }

    /** The memory, for the C side ({@code int32_t* records}). */
    public IntPointer pointer() {
        return memory;
    }

    /** The records as C wrote them, in native byte order; valid until {@link #close()}. */
    public IntBuffer records() {
        return records;
    }

    /**
     * The records of a {@link #PAIR_INTS} buffer as longs, one per record, for
     * {@link #first(long)} and {@link #second(long)}: one load per record instead of two, which
     * the JIT also turns into vector loads where the consumer allows. Valid until {@link #close()}.
     *
     * @throws IllegalStateException if the buffer holds {@link #RECORD_INTS}-int records
     */
    public LongBuffer pairs() {
        if (pairs == null) {
            throw new IllegalStateException("a buffer of " + recordInts + "-int records has no pairs view");
        }
        return pairs;
    }

    /** The first int of a pair read from {@link #pairs()} (C's {@code a}). */
    public static int first(long pair) {
        return LITTLE_ENDIAN ? (int) pair : (int) (pair >> 32);
    }

    /** The second int of a pair read from {@link #pairs()} (C's {@code b}). */
    public static int second(long pair) {
        // >> not >>>: the same int, and a visitor widening it back to long (sum += b) then
        // costs the JIT one arithmetic shift instead of a shift and two moves
        return LITTLE_ENDIAN ? (int) (pair >> 32) : (int) pair;
    }

    /** Frees the memory; C must no longer write to it. */
    @Override
    public void close() {
        memory.close();
    }
}
