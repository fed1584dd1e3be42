package dev.tunnel.result;

import dev.tunnel.result.export.Exports;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * Java's way into libjniresult, the C library that exports the Result example's Java
 * functions: the C code of the texts ({@link #foo()}, {@link #ACFunction()}), which calls those
 * exports, and the functions of {@code result.h} themselves. Calling them from Java goes
 * Java → C → Java, as a C library that uses the exports would.
 *
 * <pre>{@code
 * CResultLibrary.foo();          // C's foo() prints "1: -1, 2: 123, 3: 456"
 * CResultLibrary.ACFunction();   // prints "ACFunction()", then Java's AJavaFunction "AJavaFunction()"
 * }</pre>
 *
 * <p>The library is built in JavaCPP's {@code -header} mode, separate from Tunnel's other JNI
 * libraries, because that mode links it with {@code libjvm}: a C program that starts a JVM
 * links with it. What such a program needs is in {@code exports/target/c}.
 */
@Properties(value = @Platform(include = {"result.h", "result_export.h", "result_examples.h", "result_loops.h"}, library = "jniresult"))
public final class CResultLibrary {
    static {
        Loader.load();
        Exports.ready();
    }

    private CResultLibrary() {
    }

    /** The blog post's {@code foo()}: C creates, sets, prints and frees a Java Result. */
    public static native void foo();

    /** The cgo wiki's {@code ACFunction()}: prints {@code ACFunction()} and calls the exported {@code AJavaFunction}. */
    public static native void ACFunction();

    /** C's {@code CNewResult()}: a new Result's handle, 0 on failure. */
    public static native @Cast("uintptr_t") long CNewResult();

    /** C's {@code CResultSet}; {@code val3} is a {@code uint32_t}, its bits in an int. */
    public static native void CResultSet(@Cast("uintptr_t") long result, @Cast("int16_t") short val1,
            @Cast("int64_t") long val2, @Cast("uint32_t") int val3);

    /** C's {@code CResultString}: memory from {@code malloc}, free it with {@code Pointer.free}; null on failure. */
    public static native @Cast("char*") BytePointer CResultString(@Cast("uintptr_t") long result);

    /** C's {@code CFreeResult}. */
    public static native void CFreeResult(@Cast("uintptr_t") long result);

    /** C's {@code CResultLastError()}: why this thread's last call of the above failed, or null. */
    public static native @Cast("const char*") String CResultLastError();
}
