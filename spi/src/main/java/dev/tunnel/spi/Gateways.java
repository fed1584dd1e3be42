package dev.tunnel.spi;

import java.lang.invoke.MethodHandles;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Checks for static gateways: the one {@link FunctionPointer} per C callback signature that a
 * Tunnel binding hands to C for every callback of that signature. Generated gateways (see
 * {@link Callback}) call it for you.
 *
 * <p>JavaCPP gives each FunctionPointer class a fixed number of native trampolines and, past
 * them, hands C a NULL function pointer without a word. A gateway is therefore a final class of
 * its own with exactly one instance, held in a static final field (JavaCPP itself keeps only a
 * weak reference to it), and created through {@link #require}, so a gateway that could not get
 * its trampoline fails when its class initialises, not later inside C. A hand-written one needs
 * {@code @Properties(inherit = <your preset>.class)}, or its class cannot find its JNI library.
 *
 * <pre>{@code
 * @Properties(inherit = mylib.class)
 * public final class EndGateway extends FunctionPointer {
 *     static { Loader.load(); }
 *     public static final EndGateway INSTANCE = Gateways.require(new EndGateway(), MethodHandles.lookup());
 *     private EndGateway() { allocate(); }
 *     private native void allocate();
 *     public void call(@Cast("void*") long userData, int a, int b) { ... }
 * }
 * }</pre>
 *
 * <p>On Java 22 and later {@link #require(FunctionPointer, MethodHandles.Lookup)} also gives the
 * gateway an FFM upcall stub to its {@code call} method, which C then gets in place of the JNI
 * trampoline (see {@link Upcalls}). Its {@code call} must then take and return primitives only:
 * pointers as {@code @Cast("T*") long}, as generated gateways have them. It must never throw:
 * a Throwable that leaves an upcall stub ends the JVM.
 */
public final class Gateways {
    private Gateways() {
    }

    /**
     * Returns {@code gateway} if JavaCPP gave it a native function pointer: the first word of the
     * peer JavaCPP allocates, which is what C receives. (The object's own address is the peer's,
     * set even when every trampoline is taken.) On the FFM path its {@code call} method is found
     * with {@link MethodHandles#publicLookup()}, so the class must be public and in an exported
     * package; {@link #require(FunctionPointer, MethodHandles.Lookup)} with the class's own lookup
     * does not need that.
     *
     * @throws IllegalStateException naming the gateway class and platform if C would get NULL
     */
    public static <F extends FunctionPointer> F require(F gateway) {
        return require(gateway, MethodHandles.publicLookup());
    }

    /**
     * {@link #require(FunctionPointer)}, and on the FFM path (see {@link Upcalls}) an upcall stub
     * to {@code gateway}'s one public, non-static method named {@code call}, found with
     * {@code lookup} (the gateway class's own {@code MethodHandles.lookup()}), becomes what C
     * gets. A gateway whose {@code call} has a parameter that is no primitive, or whose
     * {@code @Cast} names a C type of another width, keeps its JNI trampoline. Whatever
     * {@code call} throws is dropped in the stub and C gets zero, where JNI would throw a C++
     * exception through C: catch it in {@code call}, as generated gateways do.
     *
     * @throws IllegalStateException naming the gateway class and platform if C would get NULL
     */
    public static <F extends FunctionPointer> F require(F gateway, MethodHandles.Lookup lookup) {
        if (functionAddress(gateway) == 0) {
            throw new IllegalStateException("dev.tunnel: gateway " + gateway.getClass().getName()
                    + " has no native function pointer on platform " + Loader.getPlatform()
                    + " (its JavaCPP trampolines are exhausted or its JNI library did not load)");
        }
        Upcalls.install(gateway, lookup);
        return gateway;
    }

    /** The C function pointer C gets for {@code function}, or 0. */
    public static long functionAddress(FunctionPointer function) {
        if (function.isNull()) {
            return 0;
        }
        // a view of the peer's memory, not a copy: nothing to free
        org.bytedeco.javacpp.Pointer first = new PointerPointer<>(function).get(0);
        return first == null ? 0 : first.address();
    }
}
