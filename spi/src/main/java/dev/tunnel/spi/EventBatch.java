package dev.tunnel.spi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Batched delivery for any {@code void} C callback: C's calls land as records in native memory
 * that Java reads in place, one upcall per full buffer instead of one per event. A batch is the
 * {@code user_data} of the C library's calls, and each typedef's generated {@code BATCHING}
 * pointer (see {@code @Callback(batched = true)}) the callback: C then calls plain C functions
 * that append a record, at about the cost of the call they replace.
 *
 * <pre>{@code
 * // C: int traverse_file_lines(const char* file, LineCallbackFn line, void* user_data, traverse_control* control);
 * LineCallbackFn.Batched handler = (index, bytes, length) -> { if (bytes.indexOf(ERROR) >= 0) hits++; };
 * try (TraverseControl control = new TraverseControl();
 *      EventBatch batch = EventBatch.open(EventBatch.DEFAULT_CAPACITY, () -> traverse_request_stop(control),
 *              LineCallbackFn.batched(handler))) {
 *     traverse_control_init(control);
 *     int status = traverse_file_lines(path, LineCallbackFn.BATCHING, batch.pointer(), control);
 *     batch.finish();   // the last records; then what a handler threw, the same instance
 *     ...
 * }
 * }</pre>
 *
 * <p>What C passes is copied into the batch as it calls: scalars and pointers (as addresses),
 * and the bytes of strings and byte ranges, which reach the handler as {@link EventBytes} views;
 * so C may free or reuse its memory as soon as its callback returns, as it always may. An event
 * whose bytes exceed half the batch is not copied: it is delivered at once, the view reading C's
 * memory during C's call, so nothing is ever truncated. Records of several typedefs share a
 * batch in the order C made the calls; events therefore reach Java up to one buffer late, and
 * {@link #finish()} delivers the last ones after C returned.
 *
 * <p>A typedef declared with {@code @Callback(join = true)}, a byte range alone, has the calls C
 * makes one after another joined into one record, and so into one handler call with their
 * bytes in order, as long as no other record, flush or lent payload comes between: fewer
 * records and calls for C libraries that split a run of data over many calls (expat's text).
 *
 * <p>Failures behave as with one upcall per event: what a handler throws stops the delivery (no
 * later handler call), asks C to stop through {@code stopRequest}, makes C's further calls drop
 * their events without calling Java, and is rethrown by {@link #finish()} as the same instance,
 * after C returned. A typedef whose events Java does not want is best passed to C as
 * {@code NULL}, as C libraries allow: no record, no cost.
 *
 * <p>A batch serves one C call at a time (its callbacks arrive on one thread at a time); after
 * {@link #finish()} it may serve the next. Costs: no allocation per event; one
 * {@link java.nio.ByteBuffer} wrapper per event whose bytes were too large to copy.
 */
public final class EventBatch implements AutoCloseable {
    /** Bytes of records a batch holds unless told otherwise: 64 KiB, which stays in L2 cache. */
    public static final int DEFAULT_CAPACITY = 64 * 1024;

    /** The smallest capacity, {@code TUNNEL_EVENTS_MIN_CAPACITY} in tunnel_events.h. */
    public static final int MIN_CAPACITY = 4096;

    /** The largest capacity, {@code TUNNEL_EVENTS_MAX_CAPACITY} in tunnel_events.h. */
    public static final int MAX_CAPACITY = 1 << 30;

    /** The where-word of a bytes slot for a C NULL ({@code TUNNEL_EVENTS_NULL}). */
    static final long NULL_BYTES = 1;

    /** The callback type of the flush, as logs name it. */
    static final String FLUSH_TYPE = "tunnel_events_flush_fn";

    /** The native {@code tunnel_events} struct, padded so that the records after it are aligned. */
    private static final int STRUCT_BYTES = 64;
    private static final int NEXT = 0;
    private static final int END = 8;
    private static final int RECORDS = 16;
    private static final int FLUSH = 24;
    private static final int USER_DATA = 32;
    private static final int INLINE_MAX = 40;
    private static final int CLOSED = 48;
    /** tunnel_events.joinable: which record a joining gateway may extend; 0 whenever the buffer is emptied. */
    private static final int JOINABLE = 52;

    private final BytePointer memory;
    private final ByteBuffer events;
    private final ByteBuffer records;
    private final long recordsAddress;
    private final int capacity;
    private final EventKind[] kinds;
    private final EventKind[] byId;
    /** The one kind of a batch of one kind: its own decoding loop, with no dispatch per record. */
    private final EventKind single;
    private final CallbackScope<EventBatch> scope;
    private boolean closed;
    /** Whether records are being decoded: the memory the handlers' views read must stay. */
    private boolean delivering;

    private EventBatch(int capacity, Runnable stopRequest, EventKind[] kinds) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("batch capacity must be " + MIN_CAPACITY + ".." + MAX_CAPACITY + " bytes, got " + capacity);
        }
        if (kinds.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one EventKind: the typedefs whose BATCHING gateway C calls");
        }
        int maxId = 0;
        for (EventKind kind : kinds) {
            if (kind == null) {
                throw new NullPointerException("kinds contains null: " + Arrays.toString(kinds));
            }
            maxId = Math.max(maxId, kind.id());
        }
        EventKind[] byId = new EventKind[maxId + 1];
        for (EventKind kind : kinds) {
            if (byId[kind.id()] != null) {
                throw new IllegalArgumentException("two kinds with id " + kind.id() + " in one batch: " + byId[kind.id()] + " and " + kind
                        + " (one handler per typedef, and typedefs of one preset)");
            }
            byId[kind.id()] = kind;
        }
        long flush = Gateways.functionAddress(kinds[0].flush());
        if (flush == 0) {
            throw new IllegalStateException("dev.tunnel: the flush gateway of " + kinds[0] + " has no C function pointer");
        }
        this.capacity = capacity & ~7;
        this.kinds = kinds.clone();
        this.byId = byId;
        this.single = kinds.length == 1 ? kinds[0] : null;
        this.scope = stopRequest != null ? CallbackScope.open(this, stopRequest) : CallbackScope.open(this);
        BytePointer block = null;
        try {
            block = new BytePointer(STRUCT_BYTES + (long) this.capacity);
            if (block.isNull()) {
                throw new OutOfMemoryError("dev.tunnel: no native memory for a batch of " + this.capacity + " bytes");
            }
            this.memory = block;
            ByteBuffer all = block.capacity(STRUCT_BYTES + (long) this.capacity).asByteBuffer().order(ByteOrder.nativeOrder());
            this.events = all.duplicate().order(ByteOrder.nativeOrder());
            this.records = all.position(STRUCT_BYTES).slice().order(ByteOrder.nativeOrder());
            this.recordsAddress = block.address() + STRUCT_BYTES;
            events.putLong(NEXT, recordsAddress);
            events.putLong(END, recordsAddress + this.capacity);
            events.putLong(RECORDS, recordsAddress);
            events.putLong(FLUSH, flush);
            events.putLong(USER_DATA, scope.address());
            events.putLong(INLINE_MAX, this.capacity / 2);
            events.putInt(CLOSED, 0);
            events.putInt(JOINABLE, 0);
        } catch (RuntimeException | Error e) {
            scope.close();
            if (block != null) {
                block.close();
            }
            throw e;
        }
    }

    /**
     * A batch of {@code capacity} bytes of records for the events of {@code kinds}, for a C
     * library that cannot be asked to stop: after a failure its calls are dropped in C.
     *
     * @throws IllegalArgumentException if {@code capacity} is outside
     *     {@link #MIN_CAPACITY}..{@link #MAX_CAPACITY}, no kind is given, or two share an id
     */
    public static EventBatch open(int capacity, EventKind... kinds) {
        return new EventBatch(capacity, null, kinds);
    }

    /**
     * A batch as {@link #open(int, EventKind...)}, with the way to ask C to stop when a handler
     * failed: {@code stopRequest} runs once, on the failing thread.
     */
    public static EventBatch open(int capacity, Runnable stopRequest, EventKind... kinds) {
        if (stopRequest == null) {
            throw new NullPointerException("stopRequest");
        }
        return new EventBatch(capacity, stopRequest, kinds);
    }

    /** The address C gets as the {@code user_data} of the BATCHING gateways: the native batch. */
    public long address() {
        checkOpen();
        return memory.address();
    }

    /** {@link #address()} as a JavaCPP pointer, for {@code void*} parameters. */
    public Pointer pointer() {
        checkOpen();
        return memory;
    }

    /** Bytes of records the batch holds before it calls Java. */
    public int capacity() {
        return capacity;
    }

    /** Whether a handler has failed. */
    public boolean failed() {
        return scope.failed();
    }

    /** What a handler threw first, or {@code null}. */
    public Throwable failure() {
        return scope.failure();
    }

    /**
     * After C returned: delivers the records C left in the batch, unless a handler failed, then
     * throws what a handler threw, if anything, as the same instance (checked exceptions
     * included). The batch is empty after, and may serve another C call.
     */
    public void finish() {
        checkOpen();
        long next = events.getLong(NEXT);
        events.putLong(NEXT, recordsAddress);
        events.putInt(JOINABLE, 0);
        if (!scope.failed()) {
            long used = next - recordsAddress;
            try {
                if (used < 0 || used > capacity) {
                    throw new IllegalStateException(String.format("dev.tunnel: corrupt batch: next record at 0x%x, outside"
                            + " the buffer at 0x%x of %d bytes", next, recordsAddress, capacity));
                }
                decode((int) used);
            } catch (Throwable t) {
                fail(t);
            }
        }
        scope.rethrowFailure();
    }

    /**
     * For generated flush gateways: C's upcall with {@code bytes} bytes of records in the batch
     * whose scope is {@code userData}. Never throws; a failure is the batch's.
     */
    public static void deliver(long userData, int bytes) {
        CallbackScope<?> scope = null;
        try {
            scope = CallbackScope.enter(userData, FLUSH_TYPE);
            if (scope != null) {
                Object target = scope.target();
                if (!(target instanceof EventBatch)) {
                    throw CallbackScope.wrongTarget(scope, EventBatch.class, FLUSH_TYPE);
                }
                EventBatch batch = (EventBatch) target;
                try {
                    batch.decode(bytes);
                } catch (Throwable t) {
                    batch.fail(t);
                }
            }
        } catch (Throwable t) {
            CallbackScope.recordFailure(scope, t, FLUSH_TYPE);
        }
    }

    private void decode(int bytes) {
        if (bytes < 0 || bytes > capacity || (bytes & 7) != 0) {
            throw new IllegalStateException("dev.tunnel: C flushed " + bytes + " bytes of records from a batch of " + capacity);
        }
        delivering = true;
        try {
            decodeRecords(bytes);
        } finally {
            delivering = false;
        }
    }

    private void decodeRecords(int bytes) {
        if (single != null) {
            single.decodeRun(records, 0, bytes);
            return;
        }
        ByteBuffer r = records;
        for (int at = 0; at < bytes; ) {
            int id = (int) r.getLong(at);
            EventKind kind = id >= 0 && id < byId.length ? byId[id] : null;
            if (kind == null) {
                throw new IllegalStateException(String.format("dev.tunnel: a record of kind %d at offset %d, in a batch for %s:"
                        + " pass a typedef's BATCHING gateway only to a batch opened with its batched(handler)", id, at,
                        Arrays.toString(kinds)));
            }
            at += kind.decode(r, at, bytes);
        }
    }

    private void fail(Throwable t) {
        for (EventKind kind : kinds) {
            kind.release();
        }
        events.putInt(CLOSED, 1);
        scope.fail(t);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("dev.tunnel: " + this + " is closed");
        }
    }

    /**
     * Frees the batch; C must no longer hold its address.
     *
     * @throws IllegalStateException if called by one of the batch's own handlers, whose views
     *     read the memory it would free: close the batch after the C call returned
     */
    @Override
    public void close() {
        if (delivering) {
            throw new IllegalStateException("dev.tunnel: " + this + " was closed by one of its own handlers, during delivery;"
                    + " close it after the C call returned");
        }
        if (!closed) {
            closed = true;
            scope.close();
            memory.close();
        }
    }

    @Override
    public String toString() {
        return "EventBatch[" + capacity + " bytes, " + Arrays.toString(kinds) + (scope.failed() ? ", failed" : "") + "]";
    }
}
