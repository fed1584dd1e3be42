package dev.tunnel.samples.techniques;

import static dev.tunnel.traverse.global.traverse.some_c_func;

import dev.tunnel.traverse.lib.callback_fcn;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * The cgo wiki's {@code clibrary}: C functions that take a callback with no {@code user_data}.
 *
 * <pre>{@code
 * CLibrary.someCFunc(in -> in + 1);
 * // C.some_c_func(): calling callback with arg = 2
 * // C.some_c_func(): callback responded with 3
 * }</pre>
 */
public final class CLibrary {
    private CLibrary() {
    }

    /**
     * Calls C's {@code some_c_func} with {@code callback} as its {@code callback_fcn}. Any
     * function works, any number of threads may call at once, each seeing only its own
     * function. If {@code callback} throws, C gets 0 back and the same exception is thrown here
     * once C has returned.
     */
    public static void someCFunc(IntUnaryOperator callback) {
        Objects.requireNonNull(callback, "callback");
        callback_fcn.TARGET.within(callback::applyAsInt, () -> some_c_func(callback_fcn.GATEWAY));
    }
}
