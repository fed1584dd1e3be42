package dev.tunnel.traverse.gateway;

import dev.tunnel.CallbackScope;
import dev.tunnel.Gateways;
import dev.tunnel.traverse.Visitor;
import dev.tunnel.traverse.presets.traverse;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * The one C function pointer for every {@code StartCallbackFn}: routes {@code start(user_data, i)}
 * to the {@link Visitor} of the traversal whose {@link CallbackScope} {@code user_data} names.
 * Internal to Tunnel's binding; use {@link dev.tunnel.traverse.Traversal}.
 *
 * <pre>{@code
 * callbacks.start(StartGateway.INSTANCE); // C now calls StartGateway.call(user_data, i)
 * }</pre>
 */
@Properties(inherit = traverse.class)
public final class StartGateway extends FunctionPointer {
    static {
        Loader.load();
    }

    /** The gateway; strongly held here because JavaCPP holds it only weakly. */
    public static final StartGateway INSTANCE = Gateways.require(new StartGateway());

    private StartGateway() {
        allocate();
    }

    private native void allocate();

    /** Called by C. Never throws: a failure is recorded in the scope, which asks C to stop. */
    public void call(@Cast("void*") long userData, int i) {
        CallbackScope<?> scope = CallbackScope.route(userData);
        if (scope != null) {
            try {
                ((Visitor) scope.target()).start(i);
            } catch (Throwable t) {
                scope.fail(t);
            }
        }
    }
}
