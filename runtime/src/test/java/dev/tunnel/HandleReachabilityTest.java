package dev.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tunnel.internal.HandleTable;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/** The table keeps a value alive exactly as long as its handle lives. */
class HandleReachabilityTest {

    /** A value with no strong reference outside the table, and the address that reaches it. */
    private record Watched(long address, WeakReference<Object> weak) {
        static Watched create() {
            Object value = new byte[1024];
            return new Watched(Handle.of(value).address(), new WeakReference<>(value));
        }
    }

    /** Collects garbage until {@code ref} is cleared, or gives up after a bounded number of tries. */
    private static void gcUntilCleared(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
    }

    @Test
    void aValueStaysReachableWhileItsHandleIsLive() throws InterruptedException {
        Watched watched = Watched.create();
        gcUntilCleared(watched.weak()); // runs the full 20 collections: nothing may clear it
        assertNotNull(watched.weak().get());
        assertEquals(1024, ((byte[]) Handle.valueAt(watched.address())).length);
        Handle.delete(watched.address());
    }

    @Test
    void aValueIsCollectableOnceItsHandleIsDeleted() throws InterruptedException {
        Watched watched = Watched.create();
        Handle.delete(watched.address());
        gcUntilCleared(watched.weak());
        assertNull(watched.weak().get(), "the table still references the value of a deleted handle");
    }

    @Test
    void aValueIsCollectableOnceItsTracedHandleIsDeleted() throws InterruptedException {
        HandleTable table = new HandleTable();
        Object value = new byte[1024];
        WeakReference<Object> weak = new WeakReference<>(value);
        long address = table.create(value, new Throwable());
        value = null;
        table.delete(address);
        gcUntilCleared(weak);
        assertNull(weak.get(), "the table still references the value of a deleted handle");
    }
}
