package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.spi.Closure;
import dev.tunnel.spi.DroppedCallbacks;
import dev.tunnel.traverse.lib.TraverseHookFn;
import dev.tunnel.traverse.lib.TraverseHookReport;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Closures through libtraverse's hook registry (hooks.h), a C library that keeps bare function
 * pointers and calls them later from threads it creates: every call reaches its own target, a
 * call after close is rejected and never reaches another target, exceptions go to the handler,
 * and a closure's target is held exactly as long as it is open.
 */
class ClosureTest {
    private final List<Closure<TraverseHookFn>> opened = new ArrayList<>();

    @AfterEach
    void forget() {
        traverse_hooks_clear();
        opened.forEach(Closure::close);
    }

    /** Hook number {@code i}: answers as C expects of hook i, and counts its calls. */
    private Closure<TraverseHookFn> hook(int i, LongAdder calls) {
        long answer = 2L * i + 1;
        Closure<TraverseHookFn> closure = TraverseHookFn.closure(token -> {
            calls.increment();
            return answer;
        });
        opened.add(closure);
        assertEquals(i, traverse_hooks_add(closure.pointer()));
        return closure;
    }

    private static TraverseHookReport callAll(int threads) {
        TraverseHookReport report = new TraverseHookReport();
        assertEquals(0, traverse_hooks_call_all(threads, report));
        return report;
    }

    @Test
    void everyClosureHasItsOwnPointerAndTarget() {
        LongAdder calls = new LongAdder();
        Set<Long> addresses = new HashSet<>();
        for (int i = 0; i < 5000; i++) { // past one table of 4095
            assertTrue(addresses.add(hook(i, calls).address()), "a pointer given twice");
        }
        TraverseHookReport report = callAll(7);
        assertEquals(5000, report.calls());
        assertEquals(5000, report.right());
        assertEquals(0, report.wrong());
        assertEquals(0, report.rejected());
        assertEquals(5000, calls.sum());
    }

    @Test
    void hundredThousandLiveClosuresCalledInRandomOrderFromAThousandNativeThreads() {
        LongAdder calls = new LongAdder();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            hook(i, calls);
        }
        assertEquals(n, TraverseHookFn.closures().live());
        TraverseHookReport report = new TraverseHookReport();
        assertEquals(0, traverse_hooks_call_random(1000, 200, 42, report));
        assertEquals(200_000, report.calls());
        assertEquals(200_000, report.right());
        assertEquals(0, report.wrong());
        assertEquals(0, report.rejected());
        assertEquals(200_000, calls.sum());
    }

    @Test
    void callsAfterCloseAreRejectedNotRerouted() {
        LongAdder calls = new LongAdder();
        for (int i = 0; i < 1000; i++) {
            hook(i, calls);
        }
        long droppedBefore = DroppedCallbacks.count(TraverseHookFn.TYPE);
        long rejectedBefore = TraverseHookFn.closures().rejected();
        for (int i = 0; i < 1000; i += 2) {
            opened.get(i).close();
        }
        // new closures opened after the close must not take over the closed ones' pointers
        LongAdder newer = new LongAdder();
        List<Closure<TraverseHookFn>> others = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            others.add(TraverseHookFn.closure(token -> {
                newer.increment();
                return -7;
            }));
        }
        try {
            TraverseHookReport report = callAll(4);
            assertEquals(1000, report.calls());
            assertEquals(500, report.right());
            assertEquals(500, report.rejected());
            assertEquals(0, report.wrong());
            assertEquals(0, newer.sum());
            assertEquals(500, calls.sum());
            assertEquals(500, TraverseHookFn.closures().rejected() - rejectedBefore);
            assertEquals(500, DroppedCallbacks.count(TraverseHookFn.TYPE) - droppedBefore);
            assertFalse(opened.get(0).isOpen());
            assertTrue(opened.get(0).toString().contains("(closed)"), opened.get(0).toString());
        } finally {
            others.forEach(Closure::close);
        }
    }

    @Test
    void exceptionsGoToTheClosuresHandlerAndCGetsTheFailureValue() {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Closure<?>> failed = new ConcurrentLinkedQueue<>();
        IllegalStateException thrown = new IllegalStateException("hook failed");
        Closure<TraverseHookFn> closure = TraverseHookFn.closure(token -> {
            throw thrown;
        }, (c, t) -> {
            failed.add(c);
            failures.add(t);
        });
        opened.add(closure);
        traverse_hooks_add(closure.pointer());
        TraverseHookReport report = callAll(1);
        assertEquals(1, report.rejected());
        assertEquals(List.of(thrown), List.copyOf(failures));
        assertSame(closure, failed.peek());
    }

    @Test
    void theDefaultHandlerCanBeReplaced() {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Closure.setDefaultExceptionHandler((c, t) -> failures.add(t));
        try {
            Closure<TraverseHookFn> closure = TraverseHookFn.closure(token -> {
                throw new ArithmeticException("by zero");
            });
            opened.add(closure);
            traverse_hooks_add(closure.pointer());
            assertEquals(1, callAll(2).rejected());
            assertEquals(1, failures.size());
            assertTrue(failures.peek() instanceof ArithmeticException);
        } finally {
            Closure.setDefaultExceptionHandler(Closure.LOG_AT_ERROR);
        }
    }

    @Test
    void aThrowingHandlerIsLoggedAndCStillGetsTheFailureValue() {
        Closure<TraverseHookFn> closure = TraverseHookFn.closure(token -> {
            throw new IllegalStateException("target");
        }, (c, t) -> {
            throw new IllegalStateException("handler");
        });
        opened.add(closure);
        traverse_hooks_add(closure.pointer());
        assertEquals(1, callAll(1).rejected());
    }

    @Test
    void theTargetIsHeldWhileOpenAndReleasedAfterClose() throws InterruptedException {
        WeakReference<Object> target = openUnreferenced();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNotNull(target.get(), "an open closure's target was collected");
        TraverseHookReport report = callAll(1);
        assertEquals(1, report.right(), "an open closure no longer referenced from Java must still answer");
        opened.get(0).close();
        for (int i = 0; i < 50 && target.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(target.get(), "a closed closure's target is still reachable");
    }

    /** Opens hook 0 and keeps only a weak reference to its target (and the Closure in {@link #opened}). */
    private WeakReference<Object> openUnreferenced() {
        long answer = 1; // hook 0's; captured, so that the lambda is an object of its own, not a shared constant
        TraverseHookFn.Function function = token -> answer + token - token;
        Closure<TraverseHookFn> closure = TraverseHookFn.closure(function);
        opened.add(closure);
        traverse_hooks_add(closure.pointer());
        return new WeakReference<>(function);
    }

    @Test
    void closeIsIdempotent() {
        Closure<TraverseHookFn> closure = TraverseHookFn.closure(token -> 1);
        long live = TraverseHookFn.closures().live();
        closure.close();
        closure.close();
        assertEquals(live - 1, TraverseHookFn.closures().live());
    }

    @Test
    void aNullTargetIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> TraverseHookFn.closure(null));
        assertTrue(e.getMessage().contains("target"), e.getMessage());
    }
}
