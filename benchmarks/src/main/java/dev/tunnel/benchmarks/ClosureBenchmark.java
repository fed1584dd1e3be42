package dev.tunnel.benchmarks;

import dev.tunnel.benchmarks.peers.Peers;
import dev.tunnel.spi.CallbackScope;
import dev.tunnel.spi.Closure;
import dev.tunnel.spi.Gateways;
import dev.tunnel.traverse.lib.EndCallbackFn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a call through a {@link Closure} costs next to a call through the typedef's static
 * gateway: the same C loop (libtraverse's synthetic source calling an {@code EndCallbackFn}
 * per event), the same Java target, once through {@link EndCallbackFn#GATEWAY} routed by a
 * {@link CallbackScope}'s user_data and once through a closure's own pointer. With the C floor
 * and raw JavaCPP (a FunctionPointer instance's own JNI trampoline) in the same run. Scores are
 * ns per event; the FFM peer of a closure, one upcall stub per target, is in
 * {@code ClosureFfmBenchmark}.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar 'Closure' -prof gc
 * }</pre>
 */
public class ClosureBenchmark extends PerEventSettings {
    /** Events per invocation: as many as {@link SyntheticEventBenchmark}'s, whose check this shares. */
    public static final int EVENTS = SyntheticEventBenchmark.EVENTS;

    /** The one target both Tunnel cases call. */
    static final class Summing implements EndCallbackFn.Function {
        long sum;

        @Override
        public void end(int a, int b) {
            sum += b;
        }
    }

    final Summing target = new Summing();
    final Peers.RawEndCallback raw = new Peers.RawEndCallback();
    CallbackScope<EndCallbackFn.Function> scope;
    Closure<EndCallbackFn> closure;
    long closureAddress;
    /** The C function pointer of {@link EndCallbackFn#GATEWAY}. */
    static final long GATEWAY = Gateways.functionAddress(EndCallbackFn.GATEWAY);

    @Setup(Level.Trial)
    public void open() {
        scope = CallbackScope.open(target);
        closure = EndCallbackFn.closure(target);
        closureAddress = closure.address();
    }

    @TearDown(Level.Trial)
    public void close() {
        SyntheticEventBenchmark.checkSums(target.sum, raw.sum);
        closure.close();
        scope.close();
        raw.close();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long cFloor() {
        return Peers.bench_floor_events(EVENTS);
    }

    /** The static gateway: C passes the scope's address as user_data. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int tunnelGateway() {
        return Peers.bench_events_through(EVENTS, GATEWAY, scope.address());
    }

    /** The closure: C passes nothing but calls the closure's own pointer. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int tunnelClosure() {
        return Peers.bench_events_through(EVENTS, closureAddress, 0);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int rawJavaCpp() {
        return Peers.bench_raw_events(EVENTS, raw, 42L);
    }
}
