package dev.tunnel;

import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;

/**
 * Checks for static gateways: the one {@link FunctionPointer} per C callback signature that a
 * Tunnel binding hands to C for every callback of that signature.
 *
 * <p>JavaCPP gives each FunctionPointer class a fixed number of native trampolines and, past
 * them, returns a NULL function pointer without a word. A gateway is therefore a final class
 * of its own with exactly one instance, held in a static final field (JavaCPP itself keeps
 * only a weak reference to it), and created through {@link #require}, so a gateway that
 * could not get its trampoline fails when its class initialises, not later inside C.
 *
 * <pre>{@code
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
     * Returns {@code gateway} if JavaCPP gave it a native function pointer.
     *
     * @throws IllegalStateException naming the gateway class and platform if its address is 0
     */
    public static <F extends FunctionPointer> F require(F gateway) {
        if (gateway.isNull()) {
            throw new IllegalStateException("dev.tunnel: gateway " + gateway.getClass().getName()
                    + " has no native function pointer on platform " + Loader.getPlatform()
                    + " (its JavaCPP trampolines are exhausted or its JNI library did not load)");
        }
        return gateway;
    }
}
