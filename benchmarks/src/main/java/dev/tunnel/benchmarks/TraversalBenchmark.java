package dev.tunnel.benchmarks;

import dev.tunnel.benchmarks.peers.Peers;
import dev.tunnel.traverse.Traversal;
import dev.tunnel.traverse.Visitor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per event of C calling back into Java for every line, one upcall per event: Tunnel's
 * Visitor (static gateway + handle lookup + exception capture) against a raw JavaCPP
 * FunctionPointer with a {@code long} user_data, the same with JavaCPP's default
 * {@code Pointer} user_data, and C calling C (the floor). Every case runs libtraverse's
 * {@code traverse_memory} over the same in-memory data (no file I/O), reporting only
 * {@code end(i, length)}. Scores are ns per event.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar TraversalBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TraversalBenchmark {
    /** Lines per traversal: enough that per-traversal setup is noise next to per-event cost. */
    static final int LINES = 100_000;
    static final byte[] LINE = "0123456789abcde\n".getBytes(); // 15 bytes + newline

    ByteBuffer data;
    BytePointer dataPointer;

    final SummingVisitor visitor = new SummingVisitor();
    final Peers.RawEndCallback raw = new Peers.RawEndCallback();
    final Peers.RawEndPointerCallback rawPointer = new Peers.RawEndPointerCallback();

    /** The Tunnel visitor: overrides only end, so C gets NULL for start. */
    static final class SummingVisitor implements Visitor {
        long sum;

        @Override
        public void end(int a, int b) {
            sum += b;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        data = ByteBuffer.allocateDirect(LINES * LINE.length);
        for (int i = 0; i < LINES; i++) {
            data.put(LINE);
        }
        data.flip();
        dataPointer = new BytePointer(data);
        if (raw.isNull() || rawPointer.isNull()) {
            throw new IllegalStateException("raw JavaCPP peers got no native function pointer");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long expected = 15L * LINES;
        if (visitor.sum % expected != 0 || raw.sum % expected != 0 || rawPointer.sum % expected != 0) {
            throw new IllegalStateException("a case saw the wrong events");
        }
        dataPointer.close();
        raw.close();
        rawPointer.close();
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long cFloor() {
        return Peers.bench_floor_traverse_memory(dataPointer, data.remaining());
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long tunnelVisitor() throws IOException {
        return Traversal.traverse(data, visitor).lines();
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int rawJavaCppLongUserData() {
        return Peers.bench_raw_traverse_memory(dataPointer, data.remaining(), raw, 42L);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int rawJavaCppPointerUserData() {
        return Peers.bench_raw_traverse_memory(dataPointer, data.remaining(), rawPointer, dataPointer); // non-null: JavaCPP wraps it in a new Pointer per call
    }
}
