package dev.tunnel.testlib.slots;

import dev.tunnel.testlib.presets.testlib;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * A hand-written callback class whose {@code call} throws, as a careless binding author's might:
 * for the test that an FFM upcall stub drops the Throwable (C gets 0) instead of ending the JVM.
 * Not a gateway: gateways are generated, and theirs catch everything themselves.
 *
 * <pre>{@code
 * ThrowingCallback c = Gateways.require(new ThrowingCallback());
 * tl_call_address(Gateways.functionAddress(c), 5);   // 0 on the FFM path
 * }</pre>
 */
@Properties(inherit = testlib.class)
public final class ThrowingCallback extends FunctionPointer {
    static {
        Loader.load();
    }

    /** How many times C entered {@link #call}. */
    public volatile int calls;

    /** Takes one of the class's trampolines. */
    public ThrowingCallback() {
        allocate();
    }

    private native void allocate();

    /** Always throws. */
    public int call(int value) {
        calls++;
        throw new IllegalStateException("thrown on purpose with " + value);
    }
}
