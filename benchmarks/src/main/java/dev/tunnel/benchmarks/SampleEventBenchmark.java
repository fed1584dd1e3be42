package dev.tunnel.benchmarks;

import static dev.tunnel.traverse.global.traverse.traverse_sample_events;

import dev.tunnel.benchmarks.peers.Peers;
import dev.tunnel.spi.CallbackScope;
import dev.tunnel.spi.EventBatch;
import dev.tunnel.spi.NativePointer;
import dev.tunnel.traverse.lib.SampleEventFn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Events of a richer signature than libtraverse's two ints: {@code SampleEventFn(void*, int64_t,
 * double, const void*)}, from {@code traverse_sample_events}, one upcall per event through
 * Tunnel's gateway and batched ({@link EventBatch}, through {@code SampleEventFn.BATCHING})
 * against C calling a C function pointer with the same arguments. The FFM peer is in
 * {@code RichEventFfmBenchmark}. Scores are ns per event.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar 'SampleEventBenchmark|NameEventBenchmark|RichEventFfmBenchmark' -prof gc
 * }</pre>
 */
public class SampleEventBenchmark extends PerEventSettings {
    /** Events per invocation. */
    public static final int EVENTS = 100_000;

    /** Sums what C passes, so that nothing is dropped. */
    static final class Summing implements SampleEventFn.Function {
        long sum;

        @Override
        public void sample(long offset, double value, NativePointer source) {
            sum += offset + (long) value + (source != null ? 1 : 0);
        }
    }

    /** The same sum, batched: the pointer arrives as its address. */
    static final class SummingBatched implements SampleEventFn.Batched {
        long sum;

        @Override
        public void sample(long offset, double value, long source) {
            sum += offset + (long) value + (source != 0 ? 1 : 0);
        }
    }

    final Summing target = new Summing();
    final SummingBatched batchedTarget = new SummingBatched();
    CallbackScope<SampleEventFn.Function> scope;
    EventBatch batch;

    @Setup(Level.Trial)
    public void open() {
        scope = CallbackScope.open(target);
        batch = EventBatch.open(EventBatch.DEFAULT_CAPACITY, SampleEventFn.batched(batchedTarget));
    }

    @TearDown(Level.Trial)
    public void close() {
        scope.close();
        batch.close();
        long floor = Peers.bench_floor_sample_events(EVENTS);
        if (target.sum % floor != 0 || batchedTarget.sum % floor != 0) {
            throw new IllegalStateException("Tunnel saw other events than C: sums " + target.sum + ", " + batchedTarget.sum);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long cFloor() {
        return Peers.bench_floor_sample_events(EVENTS);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int tunnelPerEvent() {
        return traverse_sample_events(EVENTS, SampleEventFn.GATEWAY, scope.pointer(), null);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int tunnelBatched() {
        int status = traverse_sample_events(EVENTS, SampleEventFn.BATCHING, batch.pointer(), null);
        batch.finish();
        return status;
    }
}
