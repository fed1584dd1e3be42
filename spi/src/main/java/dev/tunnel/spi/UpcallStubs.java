package dev.tunnel.spi;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

/**
 * Makes FFM upcall stubs for {@link Upcalls}. This is the Java 17 version, which has none; the
 * jar's {@code META-INF/versions/22} holds the one that uses {@code java.lang.foreign.Linker}.
 */
final class UpcallStubs {
    private UpcallStubs() {
    }

    /** Why this JVM makes no upcall stubs, or null if it does. */
    static String unavailable() {
        int java = Runtime.version().feature();
        if (java >= 22) {
            // this class, not its META-INF/versions/22 twin: the JVM did not read tunnel-spi as multi-release
            return "Java " + java + ", but tunnel-spi's Java 22 classes were not loaded (a tunnel-spi jar built without"
                    + " a JDK 22+, a repackaged jar without 'Multi-Release: true', or its classes from a directory)";
        }
        return "Java " + java + " has no java.lang.foreign upcalls (they need Java 22+)";
    }

    /**
     * The address of a new upcall stub that calls {@code method} on {@code target} (null for a static method), with C's
     * calling convention for its parameter and return types; never freed.
     *
     * @throws UnsupportedOperationException always, in this version
     */
    static long create(Object target, Method method, MethodHandles.Lookup lookup) throws IllegalAccessException {
        throw new UnsupportedOperationException(unavailable());
    }

    /**
     * A handle of type {@code ()long} calling the C function at {@code address}, which takes no
     * arguments, returns a 64-bit integer and never blocks, as a critical downcall.
     *
     * @throws UnsupportedOperationException always, in this version
     */
    static java.lang.invoke.MethodHandle criticalLongGetter(long address) {
        throw new UnsupportedOperationException(unavailable());
    }
}
