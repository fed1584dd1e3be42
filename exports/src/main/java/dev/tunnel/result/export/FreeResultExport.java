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
 * Exports {@link ResultFunctions#free} to C as {@code tunnel_result_java_free}, which
 * {@code CFreeResult} calls.
 *
 * <pre>{@code
 * CFreeResult(result);   // C, through result.h; result is invalid from now on
 * }</pre>
 */
@Properties(inherit = CResultLibrary.class)
@Allocator(max = 1)
public final class FreeResultExport extends FunctionPointer {
    static {
        Loader.load();
    }

    /** The instance C calls; held here because JavaCPP holds it only weakly. */
    static final FreeResultExport INSTANCE = Gateways.require(new FreeResultExport(), MethodHandles.lookup());

    private FreeResultExport() {
        allocate();
    }

    private native void allocate();

    /** Returns 1, or 0 after recording why the handle was not deleted. Never throws. */
    public @Name("tunnel_result_java_free") int call(@Cast("uintptr_t") long result) {
        try {
            ResultFunctions.free(result);
            return 1;
        } catch (Throwable t) {
            try {
                return ExportFailure.record(ExportFailure.call("CFreeResult", result), t);
            } catch (Throwable lost) {
                return 0; // a StackOverflowError on entering record: nothing is left to report it with
            }
        }
    }
}
