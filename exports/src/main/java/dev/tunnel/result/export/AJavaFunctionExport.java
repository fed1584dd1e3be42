package dev.tunnel.result.export;

import dev.tunnel.spi.Gateways;
import java.lang.invoke.MethodHandles;
import dev.tunnel.result.CResultLibrary;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Allocator;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * The cgo wiki's "global functions" with Java in Go's place: Go's {@code //export AGoFunction}
 * is a {@code @Name("tunnel_result_java_a_java_function")} on {@code call()}, which makes it the C function
 * {@code void AJavaFunction(void)}; C's {@code ACFunction} calls it. It has no error to return,
 * so a failure is logged to {@code dev.tunnel.result} and goes no further.
 *
 * <pre>{@code
 * void ACFunction(void) {        // C, in libjniresult
 *     printf("ACFunction()\n");
 *     AJavaFunction();           // prints "AJavaFunction()"
 * }
 * }</pre>
 */
@Properties(inherit = CResultLibrary.class)
@Allocator(max = 1)
public final class AJavaFunctionExport extends FunctionPointer {
    static {
        Loader.load();
    }

    /** The instance C calls; held here because JavaCPP holds it only weakly. */
    static final AJavaFunctionExport INSTANCE = Gateways.require(new AJavaFunctionExport(), MethodHandles.lookup());

    private AJavaFunctionExport() {
        allocate();
    }

    private native void allocate();

    /** Prints {@code AJavaFunction()}. Never throws. */
    public @Name("tunnel_result_java_a_java_function") void call() {
        try {
            System.out.println("AJavaFunction()");
            System.out.flush(); // C writes to the same stdout through its own buffer
        } catch (Throwable t) {
            try {
                ExportFailure.log("AJavaFunction()", t);
            } catch (Throwable lost) {
                // a StackOverflowError on entering log: nothing is left to report it with
            }
        }
    }
}
