package dev.tunnel.result.export;

import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.result.CResultLibrary;
import dev.tunnel.result.CResultLoops;
import dev.tunnel.spi.Gateways;
import dev.tunnel.spi.Upcalls;
import java.util.List;
import org.bytedeco.javacpp.FunctionPointer;
import org.junit.jupiter.api.Test;

/**
 * The exports C calls through {@code result.h} enter Java through FFM upcall stubs on Java 22+
 * (unless {@code -Dtunnel.upcalls=jni}), through JavaCPP's JNI functions otherwise, with
 * tunnel-spi taken from its multi-release jar.
 */
class ExportUpcallsTest {
    @Test
    void everyExportTakesThePathOfThisJvm() {
        CResultLibrary.CResultLastError(); // loads the library, which installs the stubs
        boolean forcedJni = "jni".equals(System.getProperty(Upcalls.PROPERTY));
        Upcalls.Path expected = Runtime.version().feature() >= 22 && !forcedJni ? Upcalls.Path.FFM : Upcalls.Path.JNI;
        List<FunctionPointer> exports = List.of(NewResultExport.INSTANCE, ResultSetExport.INSTANCE,
                ResultStringExport.INSTANCE, FreeResultExport.INSTANCE, AJavaFunctionExport.INSTANCE);
        for (int i = 0; i < exports.size(); i++) {
            FunctionPointer export = exports.get(i);
            String name = export.getClass().getName() + ": " + Upcalls.reason();
            assertEquals(expected, Upcalls.pathOf(export), name);
            // what result.h's wrappers call: the stub on FFM, nothing installed (JNI's function) otherwise
            long installed = ExportUpcalls.installedUpcall(i);
            if (expected == Upcalls.Path.FFM) {
                assertEquals(Gateways.functionAddress(export), installed, name);
            } else {
                assertEquals(0, installed, name);
            }
        }
        assertEquals(0, ExportUpcalls.installedUpcall(5));
    }

    @Test
    void cCallsTheExportsOnThatPath() {
        assertEquals(1000, CResultLoops.cycles(1000));
    }
}
