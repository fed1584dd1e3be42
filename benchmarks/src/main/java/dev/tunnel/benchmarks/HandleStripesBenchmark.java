package dev.tunnel.benchmarks;

import dev.tunnel.internal.HandleTable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether the handle table's 16 stripes pay: its create/lookup/delete cycle, the one a call
 * into C makes, against the same table with every create and delete on one lock
 * ({@link HandleTable#withOneLock()}), on 1, 2 and 4 threads; with several, the time is per
 * thread. Lookups are lock-free in both.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HandleStripesBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HandleStripesBenchmark {
    /** One table shared by every thread of a benchmark, as the process-wide one is. */
    @State(Scope.Benchmark)
    public static class Tables {
        final HandleTable striped = new HandleTable();
        final HandleTable oneLock = HandleTable.withOneLock();
    }

    /** A value per thread, so that the cycle measures the table, not the allocation of values. */
    @State(Scope.Thread)
    public static class Value {
        final Object value = new Object();
    }

    private static Object cycle(HandleTable table, Object value) {
        long address = table.create(value, null);
        Object found = table.find(address);
        table.delete(address);
        return found;
    }

    @Benchmark
    @Threads(1)
    public Object striped_1t(Tables tables, Value value) {
        return cycle(tables.striped, value.value);
    }

    @Benchmark
    @Threads(2)
    public Object striped_2t(Tables tables, Value value) {
        return cycle(tables.striped, value.value);
    }

    @Benchmark
    @Threads(4)
    public Object striped_4t(Tables tables, Value value) {
        return cycle(tables.striped, value.value);
    }

    @Benchmark
    @Threads(1)
    public Object oneLock_1t(Tables tables, Value value) {
        return cycle(tables.oneLock, value.value);
    }

    @Benchmark
    @Threads(2)
    public Object oneLock_2t(Tables tables, Value value) {
        return cycle(tables.oneLock, value.value);
    }

    @Benchmark
    @Threads(4)
    public Object oneLock_4t(Tables tables, Value value) {
        return cycle(tables.oneLock, value.value);
    }
}
