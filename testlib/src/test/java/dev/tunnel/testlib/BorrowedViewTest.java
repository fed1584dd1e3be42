package dev.tunnel.testlib;

import static dev.tunnel.testlib.global.testlib.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.spi.CString;
import dev.tunnel.spi.NativePointer;
import dev.tunnel.testlib.lib.tl_pointer_fn;
import dev.tunnel.testlib.lib.tl_string_fn;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.Test;

/** Views of memory C lends to a callback refuse use after it returned, and from other threads. */
class BorrowedViewTest {
    @Test
    void aStringKeptPastTheCallbackThrowsNamingIt() {
        AtomicReference<CString> kept = new AtomicReference<>();
        Scopes.call((tl_string_fn.Function) kept::set, ud -> { tl_call_string(tl_string_fn.GATEWAY, ud, new BytePointer("freed after")); return null; });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get().getString());
        assertTrue(e.getMessage().contains("tl_string_fn") && e.getMessage().contains("the s argument"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> kept.get().length());
        assertThrows(IllegalStateException.class, () -> kept.get().byteAt(0));
        assertTrue(kept.get().toString().contains("released"), "toString never reads: " + kept.get());
    }

    @Test
    void aPointerKeptPastTheCallbackThrowsAndItsTypedPointerIsNull() {
        AtomicReference<NativePointer> kept = new AtomicReference<>();
        AtomicReference<IntPointer> typed = new AtomicReference<>();
        try (IntPointer values = new IntPointer(5, 6)) {
            Scopes.call((tl_pointer_fn.Function) (p, v, o) -> {
                kept.set(v);
                typed.set(v.as(IntPointer::new));
                return 0;
            }, ud -> tl_call_pointer(tl_pointer_fn.GATEWAY, ud, new dev.tunnel.testlib.lib.tl_point(), values, 2, null));
        }
        assertThrows(IllegalStateException.class, () -> kept.get().getInt(0));
        assertTrue(typed.get().isNull(), "a typed pointer from as() is NULL once the callback returned");
    }

    @Test
    void aViewUsedOnAnotherThreadDuringTheCallThrows() throws Exception {
        AtomicReference<Throwable> fromOtherThread = new AtomicReference<>();
        Scopes.call((tl_string_fn.Function) s -> {
            Thread other = new Thread(() -> {
                try {
                    s.getString();
                } catch (Throwable t) {
                    fromOtherThread.set(t);
                }
            });
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, ud -> { tl_call_string(tl_string_fn.GATEWAY, ud, new BytePointer("mine")); return null; });
        assertTrue(fromOtherThread.get() instanceof IllegalStateException, String.valueOf(fromOtherThread.get()));
    }
}
