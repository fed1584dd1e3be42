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
 * The FFM peers of {@link ClosureBenchmark} and {@link ClosureCreationBenchmark}: what jextract
 * generates for a callback, an upcall stub per Java target allocated in an arena
 * ({@code allocate(fi, arena)}), called by the same C loop, and made and freed with a
 * confined arena. Compiled only when the benchmarks are built on JDK 22+.
 *
 * <pre>{@code
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar benchmarks/target/benchmarks.jar 'Closure'
 * }</pre>
 */
public class ClosureFfmBenchmark extends PerEventSettings {
    final Linker linker = Linker.nativeLinker();
    final FunctionDescriptor endDescriptor = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT);
    Arena arena;
    MethodHandle events;
    MethodHandle end;
    MemorySegment stub;
    long sum;

    /** The target, with user_data as an address: what jextract's functional interface receives. */
    void end(MemorySegment userData, int a, int b) {
        sum += b;
    }

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        arena = Arena.ofShared();
        SymbolLookup harness = SymbolLookup.libraryLookup(Path.of(Loader.load(Peers.class)), arena);
        events = linker.downcallHandle(harness.find("bench_raw_events").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG));
        end = MethodHandles.lookup()
                .findVirtual(ClosureFfmBenchmark.class, "end", MethodType.methodType(void.class, MemorySegment.class, int.class, int.class))
                .bindTo(this);
        stub = linker.upcallStub(end, endDescriptor, arena);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** C calls the target's own upcall stub: the FFM closure. */
    @Benchmark
    @OperationsPerInvocation(ClosureBenchmark.EVENTS)
    public int ffmUpcallStub() throws Throwable {
        return (int) events.invokeExact((long) ClosureBenchmark.EVENTS, stub, 0L);
    }

    /** jextract's allocate(fi, arena) and the arena's close: a stub made and freed. */
    @Benchmark
    public long ffmUpcallStubCreation() {
        try (Arena confined = Arena.ofConfined()) {
            return linker.upcallStub(end, endDescriptor, confined).address();
        }
    }
}
