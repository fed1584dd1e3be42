package dev.tunnel.traverse.gateway;

import dev.tunnel.CallbackScope;
import dev.tunnel.Gateways;
import dev.tunnel.traverse.presets.traverse;
import java.util.function.IntConsumer;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * The one C function pointer for every {@code TraverseDoneFn}: an asynchronous traversal's
 * thread reports its status, as its last act, to the {@link IntConsumer} of the
 * {@link CallbackScope} {@code user_data} names. Internal to Tunnel's binding; use
 * {@link dev.tunnel.traverse.AsyncTraversals}.
 *
 * <pre>{@code
 * traverse_file_async(path, callbacks, events.pointer(), control, TraverseDoneGateway.INSTANCE, done.pointer());
 * }</pre>
 */
@Properties(inherit = traverse.class)
public final class TraverseDoneGateway extends FunctionPointer {
    static {
        Loader.load();
    }

    /** The gateway; strongly held here because JavaCPP holds it only weakly. */
    public static final TraverseDoneGateway INSTANCE = Gateways.require(new TraverseDoneGateway());

    private TraverseDoneGateway() {
        allocate();
    }

    private native void allocate();

    /** Called by C on the traversal's own thread. Never throws: a failure is logged. */
    public void call(@Cast("void*") long userData, int status) {
        CallbackScope<?> scope = CallbackScope.route(userData);
        if (scope != null) {
            try {
                ((IntConsumer) scope.target()).accept(status);
            } catch (Throwable t) {
                System.getLogger(TraverseDoneGateway.class.getName()).log(System.Logger.Level.ERROR,
                        "dev.tunnel: completing an asynchronous traversal failed", t);
            }
        }
    }
}
