package dev.tunnel.result.export;

import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.result.CResultLibrary;
import dev.tunnel.result.CResultLoops;
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
        for (FunctionPointer export : List.<FunctionPointer>of(NewResultExport.INSTANCE, ResultSetExport.INSTANCE,
                ResultStringExport.INSTANCE, FreeResultExport.INSTANCE, AJavaFunctionExport.INSTANCE)) {
            assertEquals(expected, Upcalls.pathOf(export), export.getClass().getName() + ": " + Upcalls.reason());
        }
    }

    @Test
    void cCallsTheExportsOnThatPath() {
        assertEquals(1000, CResultLoops.cycles(1000));
    }
}
