package dev.tunnel.testlib.slots;

import dev.tunnel.testlib.presets.testlib;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * A hand-written FunctionPointer class with JavaCPP's default ten trampolines, for the test that
 * takes them all and checks that {@code Gateways.require} refuses the eleventh instance, whose C
 * function pointer JavaCPP leaves NULL. Not a gateway: gateways are generated.
 *
 * <pre>{@code
 * SlotHog first = new SlotHog(); // ten of these take every trampoline
 * }</pre>
 */
@Properties(inherit = testlib.class)
public final class SlotHog extends FunctionPointer {
    static {
        Loader.load();
    }

    /** Takes one of the class's trampolines, if one is free. */
    public SlotHog() {
        allocate();
    }

    private native void allocate();

    /** Never called by C in the tests; present because a callback class needs a call method. */
    public int call(int value) {
        return value;
    }
}
