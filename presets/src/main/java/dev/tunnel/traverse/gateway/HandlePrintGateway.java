package dev.tunnel.traverse.gateway;

import dev.tunnel.CallbackScope;
import dev.tunnel.Gateways;
import dev.tunnel.ThreadBoundCallback;
import dev.tunnel.traverse.presets.traverse;
import java.util.function.LongConsumer;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * The one C function pointer for every {@code HandlePrintFn} ({@code void (*)(uintptr_t)}): passes the
 * {@code uintptr_t} C gives it to the Java function bound to the calling thread by {@link #TARGET}.
 * Internal to Tunnel's binding; use {@link dev.tunnel.traverse.CHandles}.
 *
 * <pre>{@code
 * HandlePrintGateway.TARGET.within(address -> ..., () -> myprint(..., HandlePrintGateway.INSTANCE));
 * }</pre>
 */
@Properties(inherit = traverse.class)
public final class HandlePrintGateway extends FunctionPointer {
    static {
        Loader.load();
    }

    /** The Java function of the C call in progress on each thread. */
    public static final ThreadBoundCallback<LongConsumer> TARGET = new ThreadBoundCallback<>("HandlePrintFn");

    /** The gateway; strongly held here because JavaCPP holds it only weakly. */
    public static final HandlePrintGateway INSTANCE = Gateways.require(new HandlePrintGateway());

    private HandlePrintGateway() {
        allocate();
    }

    private native void allocate();

    /** Called by C. Never throws: a failure reaches the Java caller once C has returned. */
    public void call(@Cast("uintptr_t") long handle) {
        CallbackScope<LongConsumer> scope = TARGET.current();
        if (scope != null && !scope.failed()) {
            try {
                scope.target().accept(handle);
            } catch (Throwable t) {
                scope.fail(t);
            }
        }
    }
}
