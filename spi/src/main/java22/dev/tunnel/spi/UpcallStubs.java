package dev.tunnel.spi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

/**
 * Makes FFM upcall stubs for {@link Upcalls}: the Java 22+ version, in the jar's
 * {@code META-INF/versions/22}.
 */
final class UpcallStubs {
    private UpcallStubs() {
    }

    /** Why this JVM makes no upcall stubs, or null if it does. */
    static String unavailable() {
        return null;
    }

    /**
     * The address of a new upcall stub that calls {@code method} on {@code target} (null for a static method), with C's
     * calling convention for its parameter and return types; never freed (a gateway lives as
     * long as its class). Pointers are Java {@code long}s, as JavaCPP's {@code @Cast("T*") long}
     * has them: on the 64-bit platforms Tunnel supports C passes a pointer exactly like a 64-bit
     * integer, and a {@code long} costs no {@code MemorySegment} per call.
     *
     * @throws UnsupportedOperationException if a parameter or the result has no C scalar type
     * @throws IllegalCallerException if native access is not enabled for Tunnel's module
     */
    static long create(Object target, Method method, MethodHandles.Lookup lookup) throws IllegalAccessException {
        Class<?>[] parameters = method.getParameterTypes();
        MemoryLayout[] layouts = new MemoryLayout[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            layouts[i] = layout(parameters[i], method, "parameter " + i);
        }
        Class<?> result = method.getReturnType();
        FunctionDescriptor descriptor = result == void.class
                ? FunctionDescriptor.ofVoid(layouts)
                : FunctionDescriptor.of(layout(result, method, "its result"), layouts);
        MethodHandle handle = lookup.unreflect(method);
        if (target != null) {
            handle = handle.bindTo(target);
        }
        return Linker.nativeLinker().upcallStub(handle, descriptor, Arena.global()).address();
    }

    private static ValueLayout layout(Class<?> type, Method method, String what) {
        if (type == int.class) {
            return ValueLayout.JAVA_INT;
        } else if (type == long.class) {
            return ValueLayout.JAVA_LONG;
        } else if (type == double.class) {
            return ValueLayout.JAVA_DOUBLE;
        } else if (type == float.class) {
            return ValueLayout.JAVA_FLOAT;
        } else if (type == short.class) {
            return ValueLayout.JAVA_SHORT;
        } else if (type == byte.class) {
            return ValueLayout.JAVA_BYTE;
        } else if (type == boolean.class) {
            return ValueLayout.JAVA_BOOLEAN;
        } else if (type == char.class) {
            return ValueLayout.JAVA_CHAR;
        }
        throw new UnsupportedOperationException(method + ": " + what + " is a " + type.getName()
                + ", which is no C scalar (an upcall stub takes primitives only)");
    }
}
