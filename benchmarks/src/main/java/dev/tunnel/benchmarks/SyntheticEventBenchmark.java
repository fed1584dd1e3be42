package dev.tunnel.benchmarks;

import dev.tunnel.benchmarks.peers.JnaPeer;
import dev.tunnel.benchmarks.peers.Peers;
import dev.tunnel.traverse.Traversal;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the callback alone: every peer on libtraverse's synthetic event source
 * ({@code traverse_events}), which reports lines without reading or scanning anything, so the
 * C floor is a bare function-pointer call. The FFM peer is in {@code TraversalFfmBenchmark}.
 * Scores are ns per event.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar 'SyntheticEventBenchmark|TraversalFfmBenchmark.ffmUpcallSynthetic'
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SyntheticEventBenchmark {
    /** Events per invocation. */
    public static final int EVENTS = 100_000;

    final TraversalBenchmark.SummingVisitor visitor = new TraversalBenchmark.SummingVisitor();
    final Peers.RawEndCallback raw = new Peers.RawEndCallback();
    final TraversalBenchmark.JnaEnd jna = new TraversalBenchmark.JnaEnd();

    @TearDown(Level.Trial)
    public void check() {
        long perRun = 0;
        for (int i = 0; i < EVENTS; i++) {
            perRun += i % 64;
        }
        for (long sum : new long[] {visitor.sum, raw.sum, jna.sum}) {
            if (sum % perRun != 0) {
                throw new IllegalStateException("a case saw the wrong events: sum " + sum);
            }
        }
        raw.close();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long cFloor() {
        return Peers.bench_floor_events(EVENTS);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long tunnelBatched() throws IOException {
        return Traversal.traverseSyntheticBatched(EVENTS, visitor, Traversal.DEFAULT_RECORDS_PER_BATCH).lines();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long tunnelVisitor() throws IOException {
        return Traversal.traverseSynthetic(EVENTS, visitor).lines();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int rawJavaCppLongUserData() {
        return Peers.bench_raw_events(EVENTS, raw, 42L);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int jnaDirect() {
        return JnaPeer.bench_raw_events(EVENTS, jna, 42L);
    }
}
