package dev.tunnel.result.export;

import dev.tunnel.result.CResultLibrary;
import dev.tunnel.result.ResultFunctions;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.annotation.Allocator;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * Exports {@link ResultFunctions#newResult()} to C as {@code tunnel_result_java_new}, which
 * {@code CNewResult} calls. Like every export class here, Java never creates one: on the first
 * call from C, JavaCPP creates the single instance it calls and keeps it for good;
 * {@code max = 1} gives it exactly one C symbol.
 *
 * <pre>{@code
 * uintptr_t result = CNewResult();   // C, through result.h
 * }</pre>
 */
@Properties(inherit = CResultLibrary.class)
@Allocator(max = 1)
public final class NewResultExport extends FunctionPointer {
    private NewResultExport() {
    }

    /** Returns the new Result's handle, or 0 after recording why there is none. Never throws. */
    public @Name("tunnel_result_java_new") @Cast("uintptr_t") long call() {
        try {
            return ResultFunctions.newResult();
        } catch (Throwable t) {
            return ExportFailure.record("CNewResult()", t);
        }
    }
}
