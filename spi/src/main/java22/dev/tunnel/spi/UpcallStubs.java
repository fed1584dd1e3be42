package dev.tunnel.spi;

import java.lang.annotation.Annotation;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Map;
import org.bytedeco.javacpp.annotation.Cast;

/**
 * Makes FFM upcall stubs for {@link Upcalls}: the Java 22+ version, in the jar's
 * {@code META-INF/versions/22}.
 */
final class UpcallStubs {
    /** C's scalar types and their sizes on this platform ({@code long} is 4 bytes on Windows). */
    private static final Map<String, MemoryLayout> C_TYPES = Linker.nativeLinker().canonicalLayouts();
    /** The layout of each primitive, as C passes it. */
    private static final Map<Class<?>, ValueLayout> JAVA_TYPES = Map.of(boolean.class, ValueLayout.JAVA_BOOLEAN,
            byte.class, ValueLayout.JAVA_BYTE, char.class, ValueLayout.JAVA_CHAR, short.class, ValueLayout.JAVA_SHORT,
            int.class, ValueLayout.JAVA_INT, long.class, ValueLayout.JAVA_LONG, float.class, ValueLayout.JAVA_FLOAT,
            double.class, ValueLayout.JAVA_DOUBLE);

    private UpcallStubs() {
    }

    /** Why this JVM makes no upcall stubs, or null if it does. */
    static String unavailable() {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux")) {
            // Tunnel's platforms; elsewhere narrow unsigned returns (macOS) and C long (Windows) differ
            return "FFM upcalls are built for Linux only, and this is " + os;
        }
        if (ValueLayout.ADDRESS.byteSize() != Long.BYTES) {
            return "pointers here are " + ValueLayout.ADDRESS.byteSize() + " bytes, not the 8 of a Java long";
        }
        return null;
    }

    /**
     * The address of a new upcall stub that calls {@code method} on {@code target} (null for a
     * static method), with C's calling convention for its parameter and return types; never freed
     * (a gateway lives as long as its class). Pointers are Java {@code long}s, as JavaCPP's
     * {@code @Cast("T*") long} has them: on the 64-bit platforms Tunnel supports C passes a
     * pointer exactly like a 64-bit integer, and a {@code long} costs no {@code MemorySegment}
     * per call.
     *
     * <p>Whatever {@code method} throws is dropped in the stub and C gets zero: a Throwable that
     * left an upcall stub would end the JVM. Gateways catch their own; this is the net under a
     * hand-written one that does not.
     *
     * @throws UnsupportedOperationException if a parameter or the result is no C scalar of the
     *         Java type's width (a {@code @Cast} that changes the width, C {@code long} where
     *         it is 4 bytes)
     * @throws IllegalCallerException if native access is not enabled for Tunnel's module
     */
    static long create(Object target, Method method, MethodHandles.Lookup lookup) throws IllegalAccessException {
        Class<?>[] parameters = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        MemoryLayout[] layouts = new MemoryLayout[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            layouts[i] = layout(parameters[i], cast(annotations[i]), method, "parameter " + i);
        }
        Class<?> result = method.getReturnType();
        FunctionDescriptor descriptor = result == void.class
                ? FunctionDescriptor.ofVoid(layouts)
                : FunctionDescriptor.of(layout(result, cast(method.getAnnotations()), method, "its result"), layouts);
        MethodHandle handle = lookup.unreflect(method);
        if (target != null) {
            handle = handle.bindTo(target);
        }
        MethodHandle dropped = MethodHandles.empty(handle.type().insertParameterTypes(0, Throwable.class));
        handle = MethodHandles.catchException(handle, Throwable.class, dropped);
        return Linker.nativeLinker().upcallStub(handle, descriptor, Arena.global()).address();
    }

    /** The C type a {@code @Cast} names, or null. */
    /**
     * A handle of type {@code ()long} calling the C function at {@code address}, which takes no
     * arguments, returns a 64-bit integer and never blocks, as a critical downcall: no thread
     * state transition, a few nanoseconds where JNI's native call takes several times that.
     */
    static MethodHandle criticalLongGetter(long address) {
        return Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(address), FunctionDescriptor.of(ValueLayout.JAVA_LONG),
                Linker.Option.critical(false));
    }

    private static String cast(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof Cast c && c.value().length > 0) {
                return c.value()[0];
            }
        }
        return null;
    }

    private static ValueLayout layout(Class<?> type, String cast, Method method, String what) {
        ValueLayout layout = JAVA_TYPES.get(type);
        if (layout == null) {
            throw new UnsupportedOperationException(method + ": " + what + " is a " + type.getName()
                    + ", which is no C scalar (an upcall stub takes primitives only)");
        }
        long cSize = cSize(cast);
        if (cSize > 0 && cSize != layout.byteSize()) {
            throw new UnsupportedOperationException(method + ": " + what + " is C " + cast + ", " + cSize
                    + " bytes here, in a Java " + type.getName() + " of " + layout.byteSize());
        }
        return layout;
    }

    /**
     * The size of C type {@code cast} on this platform where it is known (a pointer, a C scalar,
     * an {@code intN_t}), else 0: a typedef or enum name is taken at the Java type's width, as
     * JavaCPP's JNI code would pass it.
     */
    private static long cSize(String cast) {
        if (cast == null) {
            return 0;
        }
        String c = cast.replace("const", " ").replaceAll("\\s+", " ").trim();
        if (c.endsWith("*")) {
            return ValueLayout.ADDRESS.byteSize();
        }
        String unsigned = c.startsWith("unsigned ") ? c.substring("unsigned ".length()) : c.equals("unsigned") ? "int" : c;
        MemoryLayout known = C_TYPES.get(unsigned);
        if (known != null) {
            return known.byteSize();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("u?int(8|16|32|64)_t").matcher(c);
        if (m.matches()) {
            return Integer.parseInt(m.group(1)) / 8;
        }
        if (c.equals("uintptr_t") || c.equals("intptr_t") || c.equals("ptrdiff_t") || c.equals("ssize_t")) {
            return ValueLayout.ADDRESS.byteSize();
        }
        return 0;
    }
}
