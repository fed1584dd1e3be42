package dev.tunnel.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every per-event benchmark shares (JMH annotations are inherited), so their
 * results are comparable: average time in ns per operation (per event, with
 * {@code @OperationsPerInvocation}), three forks with native access enabled, 3 + 5 one-second
 * iterations. Command-line options override them.
 *
 * <p>Three forks, not one, because a JVM settles into one of two speed states for the same
 * native code (on the reference machine the C floor runs at 1.64 ns in some forks and 1.91 ns
 * in others, steady within a fork), so one fork's score is a draw; three give every peer the
 * same average.
 *
 * <pre>{@code
 * public class MyPeerBenchmark extends PerEventSettings {
 *     @Benchmark @OperationsPerInvocation(LineData.LINES) public long peer(LineData data) { ... }
 * }
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public abstract class PerEventSettings {
}
