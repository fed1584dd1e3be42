package dev.tunnel;

import java.nio.IntBuffer;
import org.bytedeco.javacpp.IntPointer;

/**
 * Native memory that C batching gateways ({@code dev/tunnel/include/tunnel_batch.h}, shipped in
 * this jar) fill with event records, read by Java in place through a direct {@link IntBuffer}:
 * no copy, and no allocation per event. A record is {@link #RECORD_INTS} ints: the event kind,
 * then two int arguments.
 *
 * <pre>{@code
 * try (BatchBuffer buffer = new BatchBuffer(4096)) {
 *     IntBuffer records = buffer.records();          // the same memory C writes
 *     // C: tunnel_batch_init(&batch, buffer.pointer(), 4096, flush, user_data) ...
 *     // in flush(user_data, count): record r is records.get(3*r), .get(3*r+1), .get(3*r+2)
 * }
 * }</pre>
 */
public final class BatchBuffer implements AutoCloseable {
    /** Ints per record; {@code TUNNEL_BATCH_RECORD_INTS} in tunnel_batch.h. */
    public static final int RECORD_INTS = 3;

    private final int capacity;
    private final IntPointer memory;
    private final IntBuffer records;

    /**
     * Allocates room for {@code capacity} records.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive or the buffer would
     *     exceed what an int index can address
     */
    public BatchBuffer(int capacity) {
        if (capacity < 1 || capacity > Integer.MAX_VALUE / RECORD_INTS) {
            throw new IllegalArgumentException("batch capacity must be 1.." + Integer.MAX_VALUE / RECORD_INTS
                    + " records, got " + capacity);
        }
        this.capacity = capacity;
        this.memory = new IntPointer((long) capacity * RECORD_INTS);
        this.records = memory.asBuffer();
    }

    /** Records the buffer holds. */
    public int capacity() {
        return capacity;
    }

    /** The memory, for the C side ({@code int32_t* records}). */
    public IntPointer pointer() {
        return memory;
    }

    /** The records as C wrote them, in native byte order; valid until {@link #close()}. */
    public IntBuffer records() {
        return records;
    }

    /** Frees the memory; C must no longer write to it. */
    @Override
    public void close() {
        memory.close();
    }
}
