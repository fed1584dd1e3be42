package dev.tunnel.benchmarks;

import static dev.tunnel.traverse.global.traverse.traverse_name_events;

import dev.tunnel.benchmarks.peers.Peers;
import dev.tunnel.spi.CString;
import dev.tunnel.spi.CallbackScope;
import dev.tunnel.spi.EventBatch;
import dev.tunnel.spi.EventBytes;
import dev.tunnel.traverse.lib.NameEventFn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * String events: {@code NameEventFn(void*, const char*, size_t)} of 16 and 256 bytes, from
 * {@code traverse_name_events}, one upcall per event through Tunnel's gateway (the bytes as a
 * borrowed {@link CString}, of which the target reads the first and last byte) and batched
 * (the bytes copied into an {@link EventBatch}, read as an {@link EventBytes} view), against C
 * doing the same through a C function pointer. The FFM peer is in {@code RichEventFfmBenchmark}.
 * Scores are ns per event.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar NameEventBenchmark -prof gc
 * }</pre>
 */
public class NameEventBenchmark extends PerEventSettings {
    /** Events per invocation. */
    public static final int EVENTS = 100_000;

    @Param({"16", "256"})
    public int length;

    /** Sums each name's first and last byte, as the C floor does. */
    static final class Summing implements NameEventFn.Function {
        long sum;

        @Override
        public void name(CString name, long length) {
            sum += name.byteAt(0) + name.byteAt(length - 1);
        }
    }

    /** The same sum, batched. */
    static final class SummingBatched implements NameEventFn.Batched {
        long sum;

        @Override
        public void name(EventBytes name, long length) {
            sum += name.byteAt(0) + name.byteAt((int) length - 1);
        }
    }

    final Summing target = new Summing();
    final SummingBatched batchedTarget = new SummingBatched();
    CallbackScope<NameEventFn.Function> scope;
    EventBatch batch;

    @Setup(Level.Trial)
    public void open() {
        scope = CallbackScope.open(target);
        batch = EventBatch.open(EventBatch.DEFAULT_CAPACITY, NameEventFn.batched(batchedTarget));
    }

    @TearDown(Level.Trial)
    public void close() {
        scope.close();
        batch.close();
        long floor = Peers.bench_floor_name_events(EVENTS, length);
        if (target.sum % floor != 0 || batchedTarget.sum % floor != 0) {
            throw new IllegalStateException("Tunnel saw other names than C: sums " + target.sum + ", " + batchedTarget.sum);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long cFloor() {
        return Peers.bench_floor_name_events(EVENTS, length);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int tunnelPerEvent() {
        return traverse_name_events(EVENTS, length, NameEventFn.GATEWAY, scope.pointer(), null);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int tunnelBatched() {
        int status = traverse_name_events(EVENTS, length, NameEventFn.BATCHING, batch.pointer(), null);
        batch.finish();
        return status;
    }
}
