package dev.tunnel.result.export;

import dev.tunnel.spi.Gateways;
import java.lang.invoke.MethodHandles;
import dev.tunnel.result.CResultLibrary;
import dev.tunnel.result.ResultFunctions;
import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Allocator;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * Exports {@link ResultFunctions#string} to C as {@code tunnel_result_java_string}, which
 * {@code CResultString} calls. The text goes to C as a NUL-terminated UTF-8 copy in memory
 * from C's {@code malloc}, which the C caller owns and frees, as with cgo's {@code C.CString}.
 *
 * <pre>{@code
 * char* str = CResultString(result);   // C, through result.h
 * printf("%s\n", str);
 * free(str);
 * }</pre>
 */
@Properties(inherit = CResultLibrary.class)
@Allocator(max = 1)
public final class ResultStringExport extends FunctionPointer {
    static {
        Loader.load();
    }

    /** The instance C calls; held here because JavaCPP holds it only weakly. */
    static final ResultStringExport INSTANCE = Gateways.require(new ResultStringExport(), MethodHandles.lookup());

    private ResultStringExport() {
        allocate();
    }

    private native void allocate();

    /** Returns the address of the malloc'ed text, or 0 after recording why there is none. Never throws. */
    public @Name("tunnel_result_java_string") @Cast("char*") long call(@Cast("uintptr_t") long result) {
        try {
            return mallocString(ResultFunctions.string(result));
        } catch (Throwable t) {
            try {
                return ExportFailure.record(ExportFailure.call("CResultString", result), t);
            } catch (Throwable lost) {
                return 0; // a StackOverflowError on entering record: nothing is left to report it with
            }
        }
    }

    private static long mallocString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Pointer memory = Pointer.malloc(bytes.length + 1);
        if (memory == null || memory.isNull()) {
            throw new OutOfMemoryError("malloc(" + (bytes.length + 1) + ") returned NULL");
        }
        new BytePointer(memory).put(bytes).put(bytes.length, (byte) 0);
        return memory.address();
    }
}
