package dev.tunnel.benchmarks;

import dev.tunnel.traverse.Traversal;
import dev.tunnel.traverse.Visitor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second through real files of 1 MiB, 100 MiB and 1 GiB (16-byte lines, so 65,536
 * to 67 million events), batched, on 1 and 2 threads traversing at once: the cost per event
 * must stay flat as the file grows, and memory constant (see {@code -prof gc}: the allocation
 * per traversal does not grow with the file). The {@code events} counter is the score to read.
 * Per-event delivery through a file is in {@link TraversalBenchmark}'s terms ~100 ns/event;
 * it is measured here at 1 MiB and 100 MiB only ({@code perEvent}), as a 1 GiB traversal takes
 * seconds that way.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar FileScalingBenchmark -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FileScalingBenchmark {
    /** The file, written once per trial into the temporary directory and deleted after. */
    @State(Scope.Benchmark)
    public static class LineFile {
        @Param({"1", "100", "1024"})
        public int sizeMiB;
        public Path path;

        @Setup(Level.Trial)
        public void write() throws IOException {
            path = Files.createTempFile("tunnel-bench-" + sizeMiB + "mib-", ".txt");
            byte[] line = "0123456789abcde\n".getBytes();
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < block.length; i += line.length) {
                System.arraycopy(line, 0, block, i, line.length);
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
                for (int i = 0; i < sizeMiB; i++) {
                    out.write(block);
                }
            }
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(path);
        }
    }

    /** Counts events, so JMH reports events per second per thread. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Events {
        public long events;
    }

    @State(Scope.Thread)
    public static class Counter implements Visitor {
        long lines;

        @Override
        public void end(int a, int b) {
            lines++;
        }
    }

    @Benchmark
    @Threads(1)
    public long batched(LineFile file, Counter visitor, Events events) throws IOException {
        return count(events, Traversal.traverseBatched(file.path, visitor).lines());
    }

    @Benchmark
    @Threads(2)
    public long batchedTwoThreads(LineFile file, Counter visitor, Events events) throws IOException {
        return batched(file, visitor, events); // the same work, on two threads at once
    }

    @Benchmark
    @Threads(1)
    public long perEvent(LineFile file, Counter visitor, Events events) throws IOException {
        if (file.sizeMiB > 100) {
            return 0; // seconds per traversal at ~100 ns/event: not measured at 1 GiB, events stays 0
        }
        return count(events, Traversal.traverse(file.path, visitor).lines());
    }

    private static long count(Events events, long lines) {
        events.events += lines;
        return lines;
    }
}
