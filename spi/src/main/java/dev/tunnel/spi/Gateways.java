package dev.tunnel.spi;

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
 *     public static final EndGateway INSTANCE = Gateways.require(new EndGateway());
 *     private EndGateway() { allocate(); }
 *     private native void allocate();
 *     public void call(@Cast("void*") long userData, int a, int b) { ... }
 * }
 * }</pre>
 */
public final class Gateways {
    private Gateways() {
    }

    /**
     * Returns {@code gateway} if JavaCPP gave it a native function pointer: the first word of the
     * peer JavaCPP allocates, which is what C receives. (The object's own address is the peer's,
     * set even when every trampoline is taken.)
     *
     * @throws IllegalStateException naming the gateway class and platform if C would get NULL
     */
    public static <F extends FunctionPointer> F require(F gateway) {
        if (functionAddress(gateway) == 0) {
            throw new IllegalStateException("dev.tunnel: gateway " + gateway.getClass().getName()
                    + " has no native function pointer on platform " + Loader.getPlatform()
                    + " (its JavaCPP trampolines are exhausted or its JNI library did not load)");
        }
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
