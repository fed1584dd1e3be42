package dev.tunnel.threads;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tunnel.spi.CallbackScope;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a task throws on the dedicated thread reaches the caller of {@code run} as the same instance. */
@Timeout(30)
class DedicatedThreadTest {

    /** A callback's checked exception, rethrown after the C call by CallbackScope, as an entry point does. */
    private static void entryPointWhoseCallbackThrew(Throwable thrown) {
        try (CallbackScope<Object> scope = CallbackScope.open(null, () -> { })) {
            scope.fail(thrown);
            scope.rethrowFailure();
        }
    }

    @Test
    void aCheckedExceptionThrownSneakilyByTheTaskComesOutOfRunAsTheSameInstance() {
        IOException thrown = new IOException("disk gone");
        try (DedicatedThread owner = new DedicatedThread("sneaky")) {
            IOException caught = assertThrows(IOException.class, () -> owner.run(() -> entryPointWhoseCallbackThrew(thrown)));
            assertSame(thrown, caught);
        }
    }

    /** Neither an Exception nor an Error: still the same instance, not wrapped. */
    static final class OddThrowable extends Throwable {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aThrowableThatIsNeitherExceptionNorErrorComesOutOfRunAsTheSameInstance() {
        OddThrowable thrown = new OddThrowable();
        try (DedicatedThread owner = new DedicatedThread("odd")) {
            OddThrowable caught = assertThrows(OddThrowable.class, () -> owner.run(() -> entryPointWhoseCallbackThrew(thrown)));
            assertSame(thrown, caught);
        }
    }

    @Test
    void aCheckedExceptionThrownSneakilyByANestedRunIsTheSameInstance() throws Exception {
        IOException thrown = new IOException("nested");
        try (DedicatedThread owner = new DedicatedThread("nested")) {
            IOException caught = owner.call(() -> assertThrows(IOException.class,
                    () -> owner.run(() -> entryPointWhoseCallbackThrew(thrown))));
            assertSame(thrown, caught);
        }
    }
}
