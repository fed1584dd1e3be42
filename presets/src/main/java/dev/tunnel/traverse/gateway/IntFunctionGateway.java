package dev.tunnel.traverse.gateway;

import dev.tunnel.CallbackScope;
import dev.tunnel.Gateways;
import dev.tunnel.ThreadBoundCallback;
import dev.tunnel.traverse.presets.traverse;
import java.util.function.IntUnaryOperator;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * The one C function pointer for every {@code callback_fcn} ({@code int (*)(int)}), a callback
 * type with no {@code user_data}: the Java function is the one bound to the calling thread by
 * {@link #TARGET}. Internal to Tunnel's binding; use {@link dev.tunnel.traverse.CLibrary#someCFunc}.
 *
 * <pre>{@code
 * IntFunctionGateway.TARGET.within(x -> x + 1, () -> some_c_func(IntFunctionGateway.INSTANCE));
 * }</pre>
 */
@Properties(inherit = traverse.class)
public final class IntFunctionGateway extends FunctionPointer {
    static {
        Loader.load();
    }

    /** The Java function of the C call in progress on each thread. */
    public static final ThreadBoundCallback<IntUnaryOperator> TARGET = new ThreadBoundCallback<>("callback_fcn");

    /** The gateway; strongly held here because JavaCPP holds it only weakly. */
    public static final IntFunctionGateway INSTANCE = Gateways.require(new IntFunctionGateway());

    private IntFunctionGateway() {
        allocate();
    }

    private native void allocate();

    /**
     * Called by C. Never throws. Returns 0 to C when the function failed (its Throwable reaches
     * the Java caller) or when no function is bound to this thread.
     */
    public int call(int value) {
        CallbackScope<IntUnaryOperator> scope = TARGET.current();
        if (scope == null || scope.failed()) {
            return 0;
        }
        try {
            return scope.target().applyAsInt(value);
        } catch (Throwable t) {
            scope.fail(t);
            return 0;
        }
    }
}
