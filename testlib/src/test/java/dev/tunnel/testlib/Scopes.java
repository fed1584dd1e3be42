package dev.tunnel.testlib;

import dev.tunnel.spi.CallbackScope;
import java.io.IOException;
import java.util.function.Function;
import org.bytedeco.javacpp.Pointer;

/** Test helpers: one call into C inside a scope, and a target that throws a fresh checked exception. */
final class Scopes {
    private Scopes() {
    }

    /** Calls C with a scope for {@code target} as user data, then rethrows the callback's failure. */
    static <R> R call(Object target, Function<Pointer, R> c) {
        try (CallbackScope<Object> scope = CallbackScope.open(target)) {
            R result = c.apply(scope.pointer());
            scope.rethrowFailure();
            return result;
        }
    }

    /** Throws a new IOException, through interfaces that declare none, and remembers it. */
    static final class Thrower {
        volatile Throwable last;
        volatile int calls;

        RuntimeException raise() {
            calls++;
            IOException e = new IOException("thrown by the Java side of a callback");
            last = e;
            throw Thrower.<RuntimeException>sneaky(e);
        }

        @SuppressWarnings("unchecked")
        private static <X extends Throwable> X sneaky(Throwable t) throws X {
            throw (X) t;
        }
    }
}
