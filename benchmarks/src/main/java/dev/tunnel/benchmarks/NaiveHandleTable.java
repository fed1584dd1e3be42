package dev.tunnel.benchmarks;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer {@code dev.tunnel.Handle} is measured against: the table most people would write
 * first, and the design of Go's {@code runtime/cgo.Handle} (a concurrent map from a counter).
 *
 * <pre>{@code
 * long address = NaiveHandleTable.GLOBAL.create("hello");
 * String s = (String) NaiveHandleTable.GLOBAL.get(address);
 * NaiveHandleTable.GLOBAL.delete(address);
 * }</pre>
 */
final class NaiveHandleTable {

    /** One table for the whole program, as a handle table has to be for C to reach it. */
    static final NaiveHandleTable GLOBAL = new NaiveHandleTable();

    private final ConcurrentHashMap<Long, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();

    long create(Object value) {
        long address = next.incrementAndGet();
        // ConcurrentHashMap cannot hold null, so null stands for itself as a marker.
        values.put(address, value == null ? NULL : value);
        return address;
    }

    Object get(long address) {
        Object value = values.get(address);
        if (value == null) {
            throw new IllegalStateException("invalid handle " + address);
        }
        return value == NULL ? null : value;
    }

    void delete(long address) {
        if (values.remove(address) == null) {
            throw new IllegalStateException("invalid handle " + address);
        }
    }

    private static final Object NULL = new Object();
}
