package dev.tunnel.benchmarks;

import dev.tunnel.benchmarks.peers.Peers;
import dev.tunnel.result.CResultLibrary;
import dev.tunnel.result.CResultLoops;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * C calling Java through an exported function, against Java calling C, in the same run. The
 * export cases are C loops in libjniresult (one downcall starts the loop; everything measured
 * is C → Java), so their scores are ns per call from C:
 * <ul>
 * <li>{@code exportFromC}: {@code CResultSet(result, …)}, result.h's function: its wrapper,
 *     JavaCPP's export, the handle lookup and {@code Result.set};</li>
 * <li>{@code exportFromCUnwrapped}: the same without result.h's wrapper, straight to
 *     JavaCPP's export, so the wrapper's cost is the difference;</li>
 * <li>{@code resultCycleFromC}: foo()'s whole cycle without printing (CNewResult, CResultSet,
 *     CResultString, free, CFreeResult), per cycle;</li>
 * <li>{@code downcallToC}: Java calling a trivial C function, per call.</li>
 * </ul>
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ExportBenchmark -prof gc
 * }</pre>
 */
public class ExportBenchmark extends PerEventSettings {
    /** Calls per C loop: enough that the downcall starting it is noise. */
    static final int CALLS = 10_000;

    long result;
    int x;

    @Setup(Level.Trial)
    public void setUp() {
        result = CResultLibrary.CNewResult();
        if (result == 0) {
            throw new IllegalStateException(CResultLibrary.CResultLastError());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        CResultLibrary.CFreeResult(result);
        if (CResultLibrary.CResultLastError() != null) {
            throw new IllegalStateException(CResultLibrary.CResultLastError());
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long exportFromC() {
        return check(CResultLoops.setLoop(result, CALLS));
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long exportFromCUnwrapped() {
        return check(CResultLoops.setLoopUnwrapped(result, CALLS));
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long resultCycleFromC() {
        long done = CResultLoops.cycles(CALLS);
        if (done != CALLS) {
            throw new IllegalStateException("cycle " + done + " failed: " + CResultLibrary.CResultLastError());
        }
        return done;
    }

    @Benchmark
    public int downcallToC() {
        return Peers.bench_add_one(x++);
    }

    private static long check(long failed) {
        if (failed != 0) {
            throw new IllegalStateException(failed + " export calls failed");
        }
        return failed;
    }
}
