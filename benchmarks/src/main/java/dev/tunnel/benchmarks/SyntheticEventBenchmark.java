package dev.tunnel.benchmarks;

import dev.tunnel.benchmarks.peers.JnaPeer;
import dev.tunnel.benchmarks.peers.Peers;
import dev.tunnel.traverse.Traversal;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.TearDown;

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
public class SyntheticEventBenchmark extends PerEventSettings {
    /** Events per invocation. */
    public static final int EVENTS = 100_000;

    final TraversalBenchmark.SummingVisitor visitor = new TraversalBenchmark.SummingVisitor();
    final Peers.RawEndCallback raw = new Peers.RawEndCallback();
    final TraversalBenchmark.JnaEnd jna = new TraversalBenchmark.JnaEnd();

    @TearDown(Level.Trial)
    public void check() {
        checkSums(visitor.sum, raw.sum, jna.sum);
        raw.close();
    }

    /**
     * Checks that each sum of line lengths is a whole number of runs of {@link #EVENTS}
     * synthetic lines (line i has i % 64 bytes): a case that saw other events fails the trial.
     */
    static void checkSums(long... sums) {
        long perRun = 0;
        for (int i = 0; i < EVENTS; i++) {
            perRun += i % 64;
        }
        for (long sum : sums) {
            if (sum % perRun != 0) {
                throw new IllegalStateException("a case saw the wrong events: sum " + sum);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long cFloor() {
        return Peers.bench_floor_events(EVENTS);
    }

    /** Batched delivery without Java: the gateways append, a C flush sums. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long cBatchedNoJava() {
        return Peers.bench_c_batched_events(EVENTS, Traversal.DEFAULT_RECORDS_PER_BATCH);
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
