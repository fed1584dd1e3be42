package dev.tunnel.benchmarks;

import com.sun.jna.CallbackReference;
import com.sun.jna.Pointer;
import dev.tunnel.benchmarks.peers.Peers;
import dev.tunnel.spi.Closure;
import dev.tunnel.traverse.lib.EndCallbackFn;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * What it costs to give a new Java target a C function pointer of its own and take it back:
 * a Tunnel closure opened and closed, a JavaCPP {@code FunctionPointer} allocated and
 * deallocated (one of its class's 10 trampolines), and a JNA callback's native closure (JNA
 * frees it only once the callback object is collected, so its score leaves the free to the GC).
 * jextract's way, an FFM upcall stub in an arena, is in {@code ClosureFfmBenchmark}. Scores are
 * ns per target.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar 'ClosureCreation' -prof gc
 * }</pre>
 *
 * <p>A Tunnel closure's pointer is never reused, so every closure opened here keeps 48 bytes of
 * address space (32 of memory) until the fork ends: the price of its safety, paid in full here.
 */
public class ClosureCreationBenchmark extends PerEventSettings {
    final ClosureBenchmark.Summing target = new ClosureBenchmark.Summing();

    @Benchmark
    public long tunnelClosure() {
        Closure<EndCallbackFn> closure = EndCallbackFn.closure(target);
        long address = closure.address();
        closure.close();
        return address;
    }

    @Benchmark
    public long rawJavaCpp() {
        Peers.RawEndCallback callback = new Peers.RawEndCallback();
        long address = callback.address();
        callback.close();
        return address;
    }

    @Benchmark
    public long jnaCallback() {
        Pointer pointer = CallbackReference.getFunctionPointer(new TraversalBenchmark.JnaEnd());
        return Pointer.nativeValue(pointer);
    }
}
