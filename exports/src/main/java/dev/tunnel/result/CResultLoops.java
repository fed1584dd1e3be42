package dev.tunnel.result;

import dev.tunnel.result.export.Exports;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * C loops over the Result exports ({@code result_loops.h}), for tests and benchmarks that need
 * C to call Java many times: one downcall, then only C → Java.
 *
 * <pre>{@code
 * long before = Handle.live();
 * CResultLoops.cycles(1_000_000);   // 1,000,000 × (CNewResult, CResultSet, CResultString, free, CFreeResult)
 * assert Handle.live() == before;
 * }</pre>
 */
@Properties(inherit = CResultLibrary.class)
public final class CResultLoops {
    static {
        Loader.load();
        Exports.ready(); // these loops may be the library's first callers, from many threads
    }

    private CResultLoops() {
    }

    /** Runs {@code n} cycles of foo()'s calls, without printing; returns how many succeeded, stopping at the first failure. */
    public static native @Name("result_cycles") long cycles(long n);

    /**
     * Runs {@link #cycles cycles(n)} on {@code threads} new native threads at once, which the
     * JVM has never seen; returns the total of cycles that succeeded, or -1 if the threads
     * could not be created.
     */
    public static native @Name("result_cycles_on_threads") long cyclesOnThreads(int threads, long n);

    /** Calls {@code CResultSet(result, 1, i, 3)} for i from 0 to n - 1; returns how many calls failed. */
    public static native @Name("result_set_loop") long setLoop(@Cast("uintptr_t") long result, long n);

    /**
     * The same calls straight to the Java export that {@code CResultSet} wraps, for measuring
     * what the wrapper costs; returns how many calls failed.
     */
    public static native @Name("result_set_loop_unwrapped") long setLoopUnwrapped(@Cast("uintptr_t") long result, long n);
}
