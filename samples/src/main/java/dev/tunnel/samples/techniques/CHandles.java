package dev.tunnel.samples.techniques;

import dev.tunnel.Handle;
import dev.tunnel.traverse.lib.ContextPrintFn;
import dev.tunnel.traverse.lib.HandlePrintFn;
import dev.tunnel.traverse.global.traverse;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.bytedeco.javacpp.Pointer;

/**
 * The runtime/cgo documentation's two Handle examples: C's {@code myprint} receives a
 * {@link Handle} as {@code uintptr_t} (or, with {@code myprint_context}, as {@code void*}) and
 * passes it back to a Java function, which turns it into the value again.
 *
 * <pre>{@code
 * CHandles.myprint(Handle.of("hello Java").address(), handle -> {
 *     System.out.println(Handle.valueAt(handle, String.class)); // hello Java
 *     Handle.delete(handle);
 * });
 * }</pre>
 */
public final class CHandles {
    private CHandles() {
    }

    /**
     * Calls C's {@code myprint(handle, print)}; C calls {@code javaPrint} with {@code handle}
     * on this thread. What {@code javaPrint} throws is rethrown here once C has returned.
     */
    public static void myprint(long handle, LongConsumer javaPrint) {
        Objects.requireNonNull(javaPrint, "javaPrint");
        HandlePrintFn.TARGET.within(javaPrint::accept, () -> traverse.myprint(handle, HandlePrintFn.GATEWAY));
    }

    /**
     * Calls C's {@code myprint_context(context, print)}, the {@code void*} variant; C calls
     * {@code javaPrint} with the context's address.
     */
    public static void myprintContext(Pointer context, LongConsumer javaPrint) {
        Objects.requireNonNull(javaPrint, "javaPrint");
        ContextPrintFn.TARGET.within(c -> javaPrint.accept(c == null ? 0 : c.address()), () -> traverse.myprint_context(context, ContextPrintFn.GATEWAY));
    }
}
