package dev.tunnel.result;

import dev.tunnel.Handle;

/**
 * The Java functions behind {@code result.h}, line for line the blog post's exported Go
 * functions on {@link Handle} in place of {@code runtime/cgo.Handle}. Plain Java: the export
 * classes in {@code dev.tunnel.result.export} make them C functions and turn what they throw
 * into errors C can read.
 *
 * <pre>{@code
 * long result = ResultFunctions.newResult();          // C: uintptr_t result = CNewResult();
 * ResultFunctions.set(result, (short) -1, 123, 456);  // C: CResultSet(result, -1, 123, 456);
 * ResultFunctions.string(result);                     // "1: -1, 2: 123, 3: 456"
 * ResultFunctions.free(result);                       // C: CFreeResult(result);
 * }</pre>
 */
public final class ResultFunctions {
    private ResultFunctions() {
    }

    /** {@code CNewResult}: a new Result and its handle, which stays valid until {@link #free}. */
    public static long newResult() {
        return Handle.of(new Result()).address();
    }

    /**
     * {@code CResultSet}: sets the Result at {@code handle}.
     *
     * @throws dev.tunnel.InvalidHandleException if {@code handle} is not live
     * @throws ClassCastException                if it holds something else than a Result
     */
    public static void set(long handle, short val1, long val2, int val3) {
        Handle.valueAt(handle, Result.class).set(val1, val2, val3);
    }

    /**
     * {@code CResultString}: the Result at {@code handle} as text.
     *
     * @throws dev.tunnel.InvalidHandleException if {@code handle} is not live
     * @throws ClassCastException                if it holds something else than a Result
     */
    public static String string(long handle) {
        return Handle.valueAt(handle, Result.class).toString();
    }

    /**
     * {@code CFreeResult}: deletes the handle. It must hold a Result: a handle of something
     * else, which C passed by mistake, is left alone.
     *
     * @throws dev.tunnel.InvalidHandleException if {@code handle} is not live, freed already included
     * @throws ClassCastException                if it holds something else than a Result
     */
    public static void free(long handle) {
        Handle.valueAt(handle, Result.class);
        Handle.delete(handle);
    }
}
