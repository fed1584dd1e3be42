package dev.tunnel.benchmarks;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Java FFM peer of {@link SampleEventBenchmark} and {@link NameEventBenchmark}: a bare upcall
 * stub per event on the same C sources, pointers as 64-bit integers (no {@code MemorySegment}
 * per call) and a name's bytes read through a segment over them. Compiled only when the
 * benchmarks are built on JDK 22+. Scores are ns per event.
 */
public class RichEventFfmBenchmark extends PerEventSettings {
    /** The name events' length: a state of its own, so that the sample case runs once. */
    @State(Scope.Thread)
    public static class NameLength {
        @Param({"16", "256"})
        public int length;
    }

    Arena arena;
    MethodHandle samples;
    MethodHandle names;
    MemorySegment sampleStub;
    MemorySegment nameStub;
    long sum;

    void sample(long userData, long offset, double value, long source) {
        sum += offset + (long) value + (source != 0 ? 1 : 0);
    }

    void name(long userData, long name, long length) {
        MemorySegment bytes = MemorySegment.ofAddress(name).reinterpret(length);
        sum += bytes.get(JAVA_BYTE, 0) + bytes.get(JAVA_BYTE, length - 1);
    }

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        arena = Arena.ofShared();
        Linker linker = Linker.nativeLinker();
        SymbolLookup harness = SymbolLookup.libraryLookup(Path.of(Loader.load(Peers.class)), arena);
        samples = linker.downcallHandle(harness.find("bench_sample_events").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG));
        names = linker.downcallHandle(harness.find("bench_name_events").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        sampleStub = linker.upcallStub(lookup.findVirtual(RichEventFfmBenchmark.class, "sample",
                MethodType.methodType(void.class, long.class, long.class, double.class, long.class)).bindTo(this),
                FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_DOUBLE, JAVA_LONG), arena);
        nameStub = linker.upcallStub(lookup.findVirtual(RichEventFfmBenchmark.class, "name",
                MethodType.methodType(void.class, long.class, long.class, long.class)).bindTo(this),
                FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_LONG), arena);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    @OperationsPerInvocation(SampleEventBenchmark.EVENTS)
    public int ffmUpcallSample() throws Throwable {
        return (int) samples.invokeExact((long) SampleEventBenchmark.EVENTS, sampleStub.address(), 0L);
    }

    @Benchmark
    @OperationsPerInvocation(NameEventBenchmark.EVENTS)
    public int ffmUpcallName(NameLength name) throws Throwable {
        return (int) names.invokeExact((long) NameEventBenchmark.EVENTS, (long) name.length, nameStub.address(), 0L);
    }
}
