package dev.tunnel.benchmarks;

import com.sun.jna.Native;
import dev.tunnel.benchmarks.peers.JnaPeer;
import dev.tunnel.benchmarks.peers.Peers;
import dev.tunnel.traverse.Traversal;
import dev.tunnel.traverse.Visitor;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cost per event of C reporting every line to Java: Tunnel batched and per-event against raw
 * JavaCPP (long and Pointer user_data), JNA (direct mapping) and C calling C (the floor). The
 * FFM peer is {@code TraversalFfmBenchmark}, built when the benchmarks are compiled on JDK 22+.
 * Every case runs libtraverse's {@code traverse_memory} over the same {@link LineData},
 * reporting only {@code end(i, length)}. Scores are ns per event.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar 'TraversalBenchmark|TraversalFfmBenchmark' -prof gc
 * }</pre>
 */
public class TraversalBenchmark extends PerEventSettings {
    final SummingVisitor visitor = new SummingVisitor();
    final Peers.RawEndCallback raw = new Peers.RawEndCallback();
    final Peers.RawEndPointerCallback rawPointer = new Peers.RawEndPointerCallback();
    final JnaEnd jna = new JnaEnd();

    /** The Tunnel visitor: overrides only end, so C gets NULL for start. */
    static final class SummingVisitor implements Visitor {
        long sum;

        @Override
        public void end(int a, int b) {
            sum += b;
        }
    }

    static final class JnaEnd implements JnaPeer.EndCallback {
        long sum;

        @Override
        public void invoke(long userData, int a, int b) {
            sum += b;
        }
    }

    @TearDown(Level.Trial)
    public void check() {
        LineData.checkSum("tunnel", visitor.sum);
        LineData.checkSum("raw JavaCPP", raw.sum);
        LineData.checkSum("raw JavaCPP (Pointer)", rawPointer.sum);
        LineData.checkSum("JNA", jna.sum);
    }

    @Benchmark
    @OperationsPerInvocation(LineData.LINES)
    public long cFloor(LineData data) {
        return Peers.bench_floor_traverse_memory(data.pointer, data.size);
    }

    @Benchmark
    @OperationsPerInvocation(LineData.LINES)
    public long tunnelBatched(LineData data) throws IOException {
        return Traversal.traverseBatched(data.buffer, visitor, Traversal.DEFAULT_RECORDS_PER_BATCH).lines();
    }

    @Benchmark
    @OperationsPerInvocation(LineData.LINES)
    public long tunnelVisitor(LineData data) throws IOException {
        return Traversal.traverse(data.buffer, visitor).lines();
    }

    @Benchmark
    @OperationsPerInvocation(LineData.LINES)
    public int rawJavaCppLongUserData(LineData data) {
        return Peers.bench_raw_traverse_memory(data.pointer, data.size, raw, 42L);
    }

    @Benchmark
    @OperationsPerInvocation(LineData.LINES)
    public int rawJavaCppPointerUserData(LineData data) {
        // a non-null user_data: JavaCPP wraps it in a new Pointer object on every call
        return Peers.bench_raw_traverse_memory(data.pointer, data.size, rawPointer, data.pointer);
    }

    @Benchmark
    @OperationsPerInvocation(LineData.LINES)
    public int jnaDirect(LineData data) {
        return JnaPeer.bench_raw_traverse_memory(Native.getDirectBufferPointer(data.buffer), data.size, jna, 42L);
    }
}
