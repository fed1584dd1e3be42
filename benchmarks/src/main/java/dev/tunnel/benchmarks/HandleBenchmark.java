package dev.tunnel.benchmarks;

import dev.tunnel.Handle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Handle} against {@link NaiveHandleTable} (a {@code ConcurrentHashMap} and a counter,
 * like Go's {@code cgo.Handle}), in the two operations a C callback costs: a whole
 * create/lookup/delete cycle, and the lookup alone. Each on one thread and on two, the
 * thread count in the name ({@code _1t}, {@code _2t}); with two, the time is per thread.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HandleBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Short by default (about 2 minutes in all): every option can be raised on the command line.
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HandleBenchmark {

    /** A value per thread, so that the cycle measures the table, not the allocation of values. */
    @State(Scope.Thread)
    public static class Value {
        final Object value = new Object();
    }

    /**
     * A handle per thread to look up, in a table that already holds a thousand others, so
     * neither table is measured at its emptiest (and the naive one's keys are past the Long cache).
     */
    @State(Scope.Thread)
    public static class Live {
        final List<Handle<Object>> others = new ArrayList<>();
        final List<Long> naiveOthers = new ArrayList<>();
        long address;
        long naiveAddress;

        @Setup(Level.Trial)
        public void create() {
            for (int i = 0; i < 1000; i++) {
                others.add(Handle.of(i));
                naiveOthers.add(NaiveHandleTable.GLOBAL.create(i));
            }
            address = Handle.of("looked up").address();
            naiveAddress = NaiveHandleTable.GLOBAL.create("looked up");
        }

        @TearDown(Level.Trial)
        public void delete() {
            others.forEach(Handle::close);
            naiveOthers.forEach(NaiveHandleTable.GLOBAL::delete);
            Handle.delete(address);
            NaiveHandleTable.GLOBAL.delete(naiveAddress);
        }
    }

    private static Object tunnelCycle(Value v) {
        Handle<Object> h = Handle.of(v.value);
        Object value = Handle.valueAt(h.address());
        h.close();
        return value;
    }

    private static Object naiveCycle(Value v) {
        NaiveHandleTable table = NaiveHandleTable.GLOBAL;
        long address = table.create(v.value);
        Object value = table.get(address);
        table.delete(address);
        return value;
    }

    @Benchmark
    @Threads(1)
    public Object cycle_1t_tunnel(Value v) {
        return tunnelCycle(v);
    }

    @Benchmark
    @Threads(1)
    public Object cycle_1t_naive(Value v) {
        return naiveCycle(v);
    }

    @Benchmark
    @Threads(2)
    public Object cycle_2t_tunnel(Value v) {
        return tunnelCycle(v);
    }

    @Benchmark
    @Threads(2)
    public Object cycle_2t_naive(Value v) {
        return naiveCycle(v);
    }

    @Benchmark
    @Threads(1)
    public Object lookup_1t_tunnel(Live live) {
        return Handle.valueAt(live.address);
    }

    @Benchmark
    @Threads(1)
    public Object lookup_1t_naive(Live live) {
        return NaiveHandleTable.GLOBAL.get(live.naiveAddress);
    }

    @Benchmark
    @Threads(2)
    public Object lookup_2t_tunnel(Live live) {
        return Handle.valueAt(live.address);
    }

    @Benchmark
    @Threads(2)
    public Object lookup_2t_naive(Live live) {
        return NaiveHandleTable.GLOBAL.get(live.naiveAddress);
    }
}
