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
 * Exports {@link ResultFunctions#newResult()} to C as {@code tunnel_result_java_new}, which
 * {@code CNewResult} calls. Like every export class here, it has exactly one instance, the
 * one C calls ({@code max = 1} gives it exactly one C symbol), which {@link Exports} creates
 * when the library loads: were it left to JavaCPP to create on the first C call, two C
 * threads calling first at once could race on it.
 *
 * <pre>{@code
 * uintptr_t result = CNewResult();   // C, through result.h
 * }</pre>
 */
@Properties(inherit = CResultLibrary.class)
@Allocator(max = 1)
public final class NewResultExport extends FunctionPointer {
    static {
        Loader.load();
    }

    /** The instance C calls; held here because JavaCPP holds it only weakly. */
    static final NewResultExport INSTANCE = Gateways.require(new NewResultExport(), MethodHandles.lookup());

    private NewResultExport() {
        allocate();
    }

    private native void allocate();

    /** Returns the new Result's handle, or 0 after recording why there is none. Never throws. */
    public @Name("tunnel_result_java_new") @Cast("uintptr_t") long call() {
        try {
            return ResultFunctions.newResult();
        } catch (Throwable t) {
            try {
                return ExportFailure.record("CNewResult()", t);
            } catch (Throwable lost) {
                return 0; // a StackOverflowError on entering record: nothing is left to report it with
            }
        }
    }
}
