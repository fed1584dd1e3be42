package dev.tunnel.traverse.gateway;

import dev.tunnel.BatchReceiver;
import dev.tunnel.CallbackScope;
import dev.tunnel.Gateways;
import dev.tunnel.traverse.presets.traverse;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * The one C function pointer for every {@code tunnel_batch_flush_fn}: the single upcall a
 * batching gateway makes per full buffer, routed to the {@link BatchReceiver} of the traversal
 * whose {@link CallbackScope} {@code user_data} names. Internal to Tunnel's binding; use
 * {@link dev.tunnel.traverse.Traversal#traverseBatched}.
 *
 * <pre>{@code
 * traverse_file_batched(path, 1, 1, buffer.pointer(), capacity, BatchFlushGateway.INSTANCE, scope.pointer(), control);
 * }</pre>
 */
@Properties(inherit = traverse.class)
public final class BatchFlushGateway extends FunctionPointer {
    static {
        Loader.load();
    }

    /** The gateway; strongly held here because JavaCPP holds it only weakly. */
    public static final BatchFlushGateway INSTANCE = Gateways.require(new BatchFlushGateway());

    private BatchFlushGateway() {
        allocate();
    }

    private native void allocate();

    /** Called by C. Never throws: a failure is recorded in the scope, which asks C to stop. */
    public void call(@Cast("void*") long userData, int count) {
        CallbackScope<?> scope = CallbackScope.route(userData);
        if (scope != null && !scope.failed()) {
            try {
                ((BatchReceiver) scope.target()).deliver(count);
            } catch (Throwable t) {
                scope.fail(t);
            }
        }
    }
}
