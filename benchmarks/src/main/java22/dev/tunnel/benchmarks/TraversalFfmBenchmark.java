package dev.tunnel.benchmarks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.tunnel.benchmarks.peers.Peers;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Java FFM peer of {@link TraversalBenchmark}: an upcall stub per event, on the same
 * harness and {@link LineData}. Compiled only when the benchmarks are built on JDK 22+ (where
 * {@code java.lang.foreign} is final), and run in the same JMH run as the other peers.
 *
 * <pre>{@code
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -ntp -pl benchmarks -am install -DskipTests
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar benchmarks/target/benchmarks.jar 'TraversalBenchmark|TraversalFfmBenchmark'
 * }</pre>
 */
public class TraversalFfmBenchmark extends PerEventSettings {
    Arena arena;
    MethodHandle traverse;
    MethodHandle events;
    MemorySegment endStub;
    long sum;

    /** The upcall target: user_data as a 64-bit integer, like the other peers' best case. */
    void end(long userData, int a, int b) {
        sum += b;
    }

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        arena = Arena.ofShared();
        Linker linker = Linker.nativeLinker();
        SymbolLookup harness = SymbolLookup.libraryLookup(Path.of(Loader.load(Peers.class)), arena);
        traverse = linker.downcallHandle(harness.find("bench_raw_traverse_memory").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        events = linker.downcallHandle(harness.find("bench_raw_events").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG));
        MethodHandle end = MethodHandles.lookup()
                .findVirtual(TraversalFfmBenchmark.class, "end", MethodType.methodType(void.class, long.class, int.class, int.class))
                .bindTo(this);
        endStub = linker.upcallStub(end, FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_INT, JAVA_INT), arena);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    @OperationsPerInvocation(LineData.LINES)
    public int ffmUpcall(LineData data) throws Throwable {
        return (int) traverse.invokeExact(MemorySegment.ofBuffer(data.buffer), data.size, endStub, 42L);
    }

    /** The same upcall on {@link SyntheticEventBenchmark}'s synthetic source. */
    @Benchmark
    @OperationsPerInvocation(SyntheticEventBenchmark.EVENTS)
    public int ffmUpcallSynthetic() throws Throwable {
        return (int) events.invokeExact((long) SyntheticEventBenchmark.EVENTS, endStub, 42L);
    }
}
