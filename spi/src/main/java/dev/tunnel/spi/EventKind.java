package dev.tunnel.spi;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.bytedeco.javacpp.FunctionPointer;

/**
 * One callback typedef's part of an {@link EventBatch}: the decoder of its records, calling the
 * handler Java gave for it. The build generates one per typedef a preset declares with
 * {@code @Callback(batched = true)}; its class's {@code batched(handler)} returns it.
 *
 * <pre>{@code
 * EventKind lines = LineCallbackFn.batched((index, bytes, length) -> count[0]++);
 * try (EventBatch batch = EventBatch.open(EventBatch.DEFAULT_CAPACITY, lines)) {
 *     traverse_file_lines(path, LineCallbackFn.BATCHING, batch.pointer(), null);
 *     batch.finish();
 * }
 * }</pre>
 *
 * <p>A kind's {@link #id()} is what its C gateway writes into each record: the typedef's place
 * among its preset's {@code @Callback} declarations, so kinds of one preset never collide.
 */
public abstract class EventKind {
    private final String callbackType;
    private final int id;
    private final FunctionPointer flush;

    /**
     * For generated decoders.
     *
     * @param flush the gateway C calls with a full buffer (which calls {@link EventBatch#deliver})
     */
    protected EventKind(String callbackType, int id, FunctionPointer flush) {
        this.callbackType = Objects.requireNonNull(callbackType, "callbackType");
        if (id < 0) {
            throw new IllegalArgumentException("kind id must not be negative, got " + id);
        }
        this.id = id;
        this.flush = Objects.requireNonNull(flush, "flush");
    }

    /** The C callback typedef whose events this kind decodes. */
    public final String callbackType() {
        return callbackType;
    }

    /** The kind C writes into each record of this typedef. */
    public final int id() {
        return id;
    }

    final FunctionPointer flush() {
        return flush;
    }

    /**
     * Decodes every record in {@code [at, end)} of {@code records}, all of this kind, calling the
     * handler for each in order: the loop of a batch of one kind.
     *
     * @throws IllegalStateException if a record is of another kind or does not fit
     */
    protected abstract void decodeRun(ByteBuffer records, int at, int end);

    /** Decodes the one record at {@code at}, which ends by {@code end}; returns its size. */
    protected abstract int decode(ByteBuffer records, int at, int end);

    /** Ends the loans of this kind's {@link EventBytes} views, after a handler failed. Never throws. */
    protected abstract void release();

    /**
     * For generated decoders: the size of the record whose header is {@code header}, checked to
     * be of kind {@code id}, at least {@code fixed} bytes, a multiple of 8 and inside
     * {@code [at, end)}.
     *
     * @throws IllegalStateException naming the callback type and offset otherwise
     */
    protected static int recordSize(long header, int at, int end, int id, int fixed, String callbackType) {
        int size = (int) (header >>> 32);
        if ((int) header != id || size < fixed || (size & 7) != 0 || size > end - at) {
            throw badRecord(header, at, end, id, fixed, callbackType);
        }
        return size;
    }

    /** Out of line, so that {@link #recordSize} inlines into every decoding loop. */
    private static IllegalStateException badRecord(long header, int at, int end, int id, int fixed, String callbackType) {
        int kind = (int) header;
        if (kind != id) {
            return new IllegalStateException(String.format("dev.tunnel: a record of kind %d at offset %d reached the %s decoder"
                    + " (kind %d): pass a typedef's BATCHING gateway only to a batch opened with its batched(handler)",
                    kind, at, callbackType, id));
        }
        return new IllegalStateException(String.format("dev.tunnel: corrupt %s record at offset %d: %d bytes,"
                + " with %d before the batch's end and at least %d needed", callbackType, at, (int) (header >>> 32), end - at, fixed));
    }

    /**
     * For generated decoders of a kind whose records are all {@code fixed} bytes: the exception
     * for the record at {@code at}, whose header is not {@code id} and {@code fixed}.
     */
    protected static IllegalStateException wrongRecord(long header, int at, int end, int id, int fixed, String callbackType) {
        int size = (int) (header >>> 32);
        if ((int) header != id || size < fixed || (size & 7) != 0 || size > end - at) {
            return badRecord(header, at, end, id, fixed, callbackType);
        }
        return new IllegalStateException(String.format("dev.tunnel: corrupt %s record at offset %d: %d bytes, where every"
                + " record of this kind has %d", callbackType, at, (int) (header >>> 32), fixed));
    }

    @Override
    public String toString() {
        return "EventKind[" + callbackType + ", kind " + id + "]";
    }
}
