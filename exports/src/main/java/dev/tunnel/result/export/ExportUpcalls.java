package dev.tunnel.result.export;

import dev.tunnel.result.CResultLibrary;
import dev.tunnel.spi.Gateways;
import dev.tunnel.spi.Upcalls;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * Hands C the FFM upcall stubs of the exports, on Java 22+ (see {@link Upcalls}): the wrappers
 * of {@code result.h} then call Java through them, about three times faster than through the
 * JNI functions JavaCPP generates, which stay C's way in on Java 17, with
 * {@code -Dtunnel.upcalls=jni}, and before this ran. {@link Exports} runs it once, when the
 * library loads.
 *
 * <pre>{@code
 * ExportUpcalls.install(NewResultExport.INSTANCE, ResultSetExport.INSTANCE, ...);
 * // CResultSet(result, -1, 123, 456) now enters Java through ResultSetExport's upcall stub
 * }</pre>
 */
@Properties(inherit = CResultLibrary.class)
final class ExportUpcalls {
    static {
        Loader.load();
    }

    private ExportUpcalls() {
    }

    /** Gives C each export's upcall stub, or NULL for those that have none (the JNI path). */
    static void install(FunctionPointer newResult, FunctionPointer set, FunctionPointer string, FunctionPointer free,
            FunctionPointer aJavaFunction) {
        installUpcalls(stub(newResult), stub(set), stub(string), stub(free), stub(aJavaFunction));
    }

    private static long stub(FunctionPointer export) {
        return Upcalls.pathOf(export) == Upcalls.Path.FFM ? Gateways.functionAddress(export) : 0;
    }

    /**
     * What C calls for export {@code which}, in {@link #install}'s order (0: newResult ...
     * 4: aJavaFunction): its upcall stub, or 0 where C calls the JNI function. For tests.
     */
    @Name("tunnel_result_installed_upcall")
    static native @Cast("void*") long installedUpcall(int which);

    @Name("tunnel_result_install_upcalls")
    private static native void installUpcalls(@Cast("void*") long newResult, @Cast("void*") long set,
            @Cast("void*") long string, @Cast("void*") long free, @Cast("void*") long aJavaFunction);
}
