package dev.tunnel.testlib;

import static dev.tunnel.testlib.global.testlib.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.spi.CallbackScope;
import dev.tunnel.spi.DroppedCallbacks;
import dev.tunnel.Handle;
import dev.tunnel.testlib.lib.tl_int64_fn;
import dev.tunnel.testlib.lib.tl_none_fn;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NULL, forged, stale and foreign user data: logged and counted, nothing called, C gets the declared value. */
class BadUserDataTest {
    private static final Logger LOG = Logger.getLogger(DroppedCallbacks.class.getName());
    private final AtomicInteger logged = new AtomicInteger();
    private final Handler counting = new Handler() {
        @Override public void publish(LogRecord record) { logged.incrementAndGet(); }
        @Override public void flush() { }
        @Override public void close() { }
    };
    private final AtomicInteger called = new AtomicInteger();
    private final tl_int64_fn.Function target = v -> { called.incrementAndGet(); return v; };

    @BeforeEach
    void countLogRecords() {
        LOG.addHandler(counting);
    }

    @AfterEach
    void stopCounting() {
        LOG.removeHandler(counting);
    }

    private void assertDropped(long userData) {
        long before = DroppedCallbacks.count(tl_int64_fn.TYPE);
        long got = tl_call_int64(tl_int64_fn.GATEWAY, new Pointer() { { address = userData; } }, 7);
        assertEquals(tl_int64_fn.ON_FAILURE, got);
        assertEquals(before + 1, DroppedCallbacks.count(tl_int64_fn.TYPE));
        assertEquals(0, called.get());
    }

    @Test
    void nullIsDropped() {
        assertDropped(0);
    }

    @Test
    void aForgedAddressIsDropped() {
        assertDropped(0x1234_5678_9abc_def1L);
    }

    @Test
    void aStaleScopeIsDropped() {
        long stale;
        try (CallbackScope<tl_int64_fn.Function> scope = CallbackScope.open(target)) {
            stale = scope.address();
        }
        assertDropped(stale);
    }

    @Test
    void aHandleThatIsNotAScopeIsDropped() {
        try (Handle<tl_int64_fn.Function> handle = Handle.of(target)) {
            assertDropped(handle.address());
        }
    }

    @Test
    void aMillionForgedCallsLogAFewLinesAndAreAllCounted() {
        long before = DroppedCallbacks.count(tl_int64_fn.TYPE);
        Pointer forged = new Pointer() { { address = 0x7777_0000_0000_0001L; } };
        for (int i = 0; i < 1_000_000; i++) {
            tl_call_int64(tl_int64_fn.GATEWAY, forged, i);
        }
        assertEquals(before + 1_000_000, DroppedCallbacks.count(tl_int64_fn.TYPE));
        assertTrue(logged.get() <= 21, "log lines: " + logged.get());
        assertTrue(logged.get() >= 1);
    }

    @Test
    void aLoggerThatThrowsDoesNotReachC() {
        Handler throwing = new Handler() {
            @Override public void publish(LogRecord record) { throw new OutOfMemoryError("a logging backend failing"); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        LOG.addHandler(throwing);
        try {
            for (int i = 0; i < 4; i++) { // whichever lines it logs, none may escape
                assertDropped(0x5555_0000_0000_0001L);
            }
        } finally {
            LOG.removeHandler(throwing);
        }
    }

    /**
     * The documented limit of callbacks without user data: a pointer C kept and calls during
     * another binding on the same thread reaches that binding's target, which cannot tell.
     */
    @Test
    void aKeptPointerCalledDuringAnotherBindingReachesThatBindingsTarget() {
        tl_none_fn.TARGET.within(v -> v + 1, () -> tl_keep_none(tl_none_fn.GATEWAY));
        assertEquals(500, (int) tl_none_fn.TARGET.call(v -> v * 100, () -> tl_call_kept_none(5)));
    }

    @Test
    void aKeptPointerWithoutUserDataFindsNoTargetOnAnotherCall() {
        long before = DroppedCallbacks.count(tl_none_fn.TYPE);
        tl_none_fn.TARGET.within(v -> v + 1, () -> tl_keep_none(tl_none_fn.GATEWAY));
        assertEquals(tl_none_fn.ON_FAILURE, tl_call_kept_none(5));
        assertEquals(before + 1, DroppedCallbacks.count(tl_none_fn.TYPE));
    }
}
