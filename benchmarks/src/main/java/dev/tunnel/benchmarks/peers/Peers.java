package dev.tunnel.benchmarks.peers;

import dev.tunnel.traverse.presets.traverse;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * The peers Tunnel is measured against (JNA's and FFM's bind the same harness by name), bound
 * with plain JavaCPP in a JNI library of their own
 * ({@code jnitunnelbench}, linked with libtraverse): C calling C (the floor), and raw JavaCPP
 * {@link FunctionPointer} callbacks as a JavaCPP user would write them.
 *
 * <pre>{@code
 * long sum = Peers.bench_floor_traverse_memory(data, size);
 * }</pre>
 */
@Properties(inherit = traverse.class, value = @Platform(include = "bench_peers.h", library = "jnitunnelbench"))
public class Peers {
    static {
        Loader.load(traverse.class); // libtraverse first, from the traverse jar
        Loader.load();
    }

    private Peers() {
    }

    /** C calls a C function pointer per line; returns the sum of line lengths. */
    public static native long bench_floor_traverse_memory(@Cast("const char*") BytePointer data, @Cast("size_t") long size);

    /** C calls a C function pointer per {@code SampleEventFn} event; returns the sum of offset + value. */
    public static native long bench_floor_sample_events(long count);

    /** C calls a C function pointer per {@code NameEventFn} event of {@code length} bytes; sums each name's first and last byte. */
    public static native long bench_floor_name_events(long count, @Cast("size_t") long length);

    /** C calls a C function pointer per synthetic line; returns the sum of line lengths. */
    public static native long bench_floor_events(long lines);

    /**
     * The C half of batched delivery: libtraverse's synthetic source through Tunnel's batching
     * gateways into a buffer of {@code capacity} pairs, summed by a C flush instead of Java;
     * returns the sum of line lengths.
     */
    public static native long bench_c_batched_events(long lines, int capacity);

    /** libtraverse's synthetic source calls {@code end} per line with {@code userData}, raw JavaCPP style. */
    public static native int bench_raw_events(long lines, RawEndCallback end, @Cast("void*") long userData);

    /**
     * The same synthetic source calling the {@code EndCallbackFn} at address {@code end}: one of
     * Tunnel's, the static gateway (routed by {@code userData}) or a closure's pointer.
     */
    public static native int bench_events_through(long lines, @Cast("uintptr_t") long end, @Cast("uintptr_t") long userData);

    /** libtraverse calls {@code end} per line with {@code userData}, raw JavaCPP style. */
    public static native int bench_raw_traverse_memory(@Cast("const char*") BytePointer data, @Cast("size_t") long size,
            RawEndCallback end, @Cast("void*") long userData);

    /** The same with the Pointer user_data a generated JavaCPP binding gives: one Java object per call. */
    public static native int bench_raw_traverse_memory(@Cast("const char*") BytePointer data, @Cast("size_t") long size,
            RawEndPointerCallback end, Pointer userData);

    /** Returns {@code x + 1}: Java calling a trivial C function, the cost of a downcall. */
    public static native int bench_add_one(int x);

    /**
     * A raw JavaCPP callback with {@code @Cast("void*") long user_data}: what a careful JavaCPP
     * user writes. No handle table, no exception capture: a throw here would abort C.
     */
    public static class RawEndCallback extends FunctionPointer {
        static {
            Loader.load();
        }

        /** Sum of the lengths seen, so the JIT cannot drop the work. */
        public long sum;

        public RawEndCallback() {
            allocate();
        }

        private native void allocate();

        public void call(@Cast("void*") long userData, int a, int b) {
            sum += b;
        }
    }

    /** A raw JavaCPP callback with {@code Pointer user_data}, as the parser generates it. */
    public static class RawEndPointerCallback extends FunctionPointer {
        static {
            Loader.load();
        }

        public long sum;

        public RawEndPointerCallback() {
            allocate();
        }

        private native void allocate();

        public void call(Pointer userData, int a, int b) {
            sum += b;
        }
    }
}
