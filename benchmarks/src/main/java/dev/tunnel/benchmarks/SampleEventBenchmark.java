package dev.tunnel.benchmarks;

import static dev.tunnel.traverse.global.traverse.traverse_sample_events;

import dev.tunnel.benchmarks.peers.Peers;
import dev.tunnel.spi.CallbackScope;
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
 * Tunnel's gateway against C calling a C function pointer with the same arguments. The FFM
 * peer is in {@code RichEventFfmBenchmark}. Scores are ns per event.
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

    final Summing target = new Summing();
    CallbackScope<SampleEventFn.Function> scope;

    @Setup(Level.Trial)
    public void open() {
        scope = CallbackScope.open(target);
    }

    @TearDown(Level.Trial)
    public void close() {
        scope.close();
        if (target.sum % Peers.bench_floor_sample_events(EVENTS) != 0) {
            throw new IllegalStateException("Tunnel saw other events than C: sum " + target.sum);
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
}
