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
 * The one C function pointer for every {@code EndCallbackFn}: routes {@code end(user_data, a, b)}
 * to the {@link Visitor} of the traversal whose {@link CallbackScope} {@code user_data} names.
 * Internal to Tunnel's binding; use {@link dev.tunnel.traverse.Traversal}.
 *
 * <pre>{@code
 * callbacks.end(EndGateway.INSTANCE); // C now calls EndGateway.call(user_data, a, b)
 * }</pre>
 */
@Properties(inherit = traverse.class)
public final class EndGateway extends FunctionPointer {
    static {
        Loader.load();
    }

    /** The gateway; strongly held here because JavaCPP holds it only weakly. */
    public static final EndGateway INSTANCE = Gateways.require(new EndGateway());

    private EndGateway() {
        allocate();
    }

    private native void allocate();

    /** Called by C. Never throws: a failure is recorded in the scope, which asks C to stop. */
    public void call(@Cast("void*") long userData, int a, int b) {
        CallbackScope<?> scope = CallbackScope.route(userData);
        if (scope != null) {
            try {
                ((Visitor) scope.target()).end(a, b);
            } catch (Throwable t) {
                scope.fail(t);
            }
        }
    }
}
