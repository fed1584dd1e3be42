package dev.tunnel.benchmarks;

import dev.tunnel.traverse.Traversal;
import dev.tunnel.traverse.Visitor;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * How the batch size sets the cost per event of batched delivery, on the same in-memory
 * workload as {@link TraversalBenchmark}: the evidence behind
 * {@code Traversal.DEFAULT_RECORDS_PER_BATCH}. Scores are ns per event.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar BatchSizeBenchmark
 * }</pre>
 */
public class BatchSizeBenchmark extends PerEventSettings {
    @Param({"16", "64", "256", "1024", "4096", "16384", "65536"})
    int recordsPerBatch;

    final TraversalBenchmark.SummingVisitor visitor = new TraversalBenchmark.SummingVisitor();

    @Benchmark
    @OperationsPerInvocation(LineData.LINES)
    public long batched(LineData data) throws IOException {
        return Traversal.traverseBatched(data.buffer, visitor, recordsPerBatch).lines();
    }
}
