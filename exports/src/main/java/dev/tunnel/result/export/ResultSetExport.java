package dev.tunnel.result.export;

import dev.tunnel.spi.Gateways;
import java.lang.invoke.MethodHandles;
import dev.tunnel.result.CResultLibrary;
import dev.tunnel.result.ResultFunctions;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Allocator;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * Exports {@link ResultFunctions#set} to C as {@code tunnel_result_java_set}, which
 * {@code CResultSet} calls. C's {@code uint32_t} arrives as the same 32 bits in an int.
 *
 * <pre>{@code
 * CResultSet(result, -1, 123, 456);   // C, through result.h
 * }</pre>
 */
@Properties(inherit = CResultLibrary.class)
@Allocator(max = 1)
public final class ResultSetExport extends FunctionPointer {
    static {
        Loader.load();
    }

    /** The instance C calls; held here because JavaCPP holds it only weakly. */
    static final ResultSetExport INSTANCE = Gateways.require(new ResultSetExport(), MethodHandles.lookup());

    private ResultSetExport() {
        allocate();
    }

    private native void allocate();

    /** Returns 1, or 0 after recording why the Result was not set. Never throws. */
    public @Name("tunnel_result_java_set") int call(@Cast("uintptr_t") long result, @Cast("int16_t") short val1,
            @Cast("int64_t") long val2, @Cast("uint32_t") int val3) {
        try {
            ResultFunctions.set(result, val1, val2, val3);
            return 1;
        } catch (Throwable t) {
            try {
                return ExportFailure.record(ExportFailure.call("CResultSet", result), t);
            } catch (Throwable lost) {
                return 0; // a StackOverflowError on entering record: nothing is left to report it with
            }
        }
    }
}
