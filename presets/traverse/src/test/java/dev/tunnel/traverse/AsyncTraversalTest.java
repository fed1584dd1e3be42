package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.Handle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traversals on native threads C creates: callbacks arrive there, bounded, cancellable, leak-free. */
class AsyncTraversalTest {
    @TempDir
    Path dir;
    Path tenLines;

    @BeforeEach
    void writeFile() throws IOException {
        tenLines = Files.writeString(dir.resolve("ten.txt"), "0123456789\n".repeat(10));
    }

    /** Java threads JavaCPP attached for native callbacks (JNI path; FFM's attached threads have no such name). */
    static long attachedNativeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("JavaCPP Thread ID")).count();
    }

    static int osThreads() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return (int) tasks.count();
        }
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(10);
        }
    }

    /** Records where each event arrived. */
    static final class ThreadRecorder implements Visitor {
        final Thread caller = Thread.currentThread();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        int starts;
        int ends;
        boolean allDaemon = true;

        @Override
        public void start(int i) {
            note();
            assertEquals(starts++, i);
        }

        @Override
        public void end(int a, int b) {
            note();
            assertEquals(ends++, a);
        }

        private void note() {
            Thread t = Thread.currentThread();
            threads.add(t);
            allDaemon &= t.isDaemon() && t != caller;
        }
    }

    @Test
    void oneThousandNativeThreadsCallBackEachEventOnceThenLeaveNothingBehind() throws Exception {
        ThreadRecorder warmUp = new ThreadRecorder();
        Traversal.traverseAsync(tenLines, warmUp).join(); // warm up: classes loaded, JIT threads up
        eventually("earlier native threads are gone", () -> warmUp.threads.stream().noneMatch(Thread::isAlive)
                && attachedNativeThreads() == 0 && traverse_async_threads() == 0);
        int osBaseline = osThreads();
        long handles = Handle.live();

        AsyncTraversals traversals = new AsyncTraversals(100, 1000);
        List<ThreadRecorder> recorders = new ArrayList<>();
        List<CompletableFuture<TraversalStats>> futures = new ArrayList<>();
        for (int n = 0; n < 1000; n++) {
            ThreadRecorder recorder = new ThreadRecorder();
            recorders.add(recorder);
            futures.add(traversals.traverse(tenLines, recorder));
        }
        Set<Thread> allThreads = ConcurrentHashMap.newKeySet();
        for (int n = 0; n < 1000; n++) {
            assertEquals(10, futures.get(n).get(30, TimeUnit.SECONDS).lines());
            ThreadRecorder recorder = recorders.get(n);
            assertEquals(10, recorder.starts, "each start delivered exactly once");
            assertEquals(10, recorder.ends, "each end delivered exactly once");
            assertTrue(recorder.allDaemon, "events arrive on daemon threads, not the caller's");
            assertEquals(1, recorder.threads.size(), "one traversal, one native thread");
            allThreads.addAll(recorder.threads);
        }
        assertTrue(allThreads.size() > 100, "distinct native threads: " + allThreads.size());
        // the very threads the callbacks ran on, whichever way they were attached (JNI or FFM)
        eventually("native threads are detached and gone", () -> allThreads.stream().noneMatch(Thread::isAlive)
                && Collections.disjoint(Thread.getAllStackTraces().keySet(), allThreads) && traverse_async_threads() == 0);
        eventually("OS threads back to baseline " + osBaseline, () -> {
            try {
                return osThreads() <= osBaseline;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(handles, Handle.live());
    }

    @Test
    void tenThousandSubmittedAtOnceNeverRunMoreThanTheLimit() throws Exception {
        traverse_async_reset_peak();
        AsyncTraversals traversals = new AsyncTraversals(8, 64);
        List<CompletableFuture<TraversalStats>> futures = new ArrayList<>();
        for (int n = 0; n < 10_000; n++) {
            futures.add(traversals.traverse(tenLines, new Visitor() { }));
            assertTrue(traversals.running() <= 8);
            assertTrue(traversals.waiting() <= 64);
        }
        for (CompletableFuture<TraversalStats> future : futures) {
            assertEquals(new TraversalStats(10, 110, 0, 0), future.get(60, TimeUnit.SECONDS));
        }
        int peak = traverse_async_peak_threads();
        assertTrue(peak >= 1 && peak <= 8, "C counted " + peak + " traversal threads alive at once");
    }

    @Test
    void aCallbacksExceptionOnTheNativeThreadFailsTheFutureWithTheSameInstance() throws Exception {
        long handles = Handle.live();
        java.util.Set<String> fds = OpenFiles.list();
        for (int n = 0; n < 200; n++) {
            TraversalFailureTest.Thrower thrower = new TraversalFailureTest.Thrower(e -> e == 5);
            CompletionException e = assertThrows(CompletionException.class, () -> Traversal.traverseAsync(tenLines, thrower).join());
            assertSame(thrower.failure, e.getCause());
            assertEquals(0, thrower.eventsAfterThrow);
        }
        eventually("native threads gone", () -> traverse_async_threads() == 0);
        assertEquals(handles, Handle.live());
        OpenFiles.assertNoneOpenedSince(fds);
    }

    @Test
    void cancellingStopsCPromptlyAndFreesEverything() throws Exception {
        // a million lines: had C not stopped, their start events would reach the visitor
        Path big = Files.writeString(dir.resolve("big.txt"), "0123456789abcde\n".repeat(1_000_000));
        long handles = Handle.live();
        java.util.Set<String> fds = OpenFiles.list();
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        int[] eventsAfterCancel = {0};
        CompletableFuture<TraversalStats> future = Traversal.traverseAsync(big, new Visitor() {
            @Override
            public void start(int i) {
                if (cancelled.getCount() == 0) {
                    eventsAfterCancel[0]++;
                }
                inCallback.countDown();
                try {
                    cancelled.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        });
        assertTrue(inCallback.await(10, TimeUnit.SECONDS));
        assertTrue(future.cancel(true));
        cancelled.countDown();
        assertThrows(CancellationException.class, future::join);
        long stopping = System.nanoTime();
        eventually("the native thread stopped", () -> traverse_async_threads() == 0 && Handle.live() == handles);
        assertTrue(System.nanoTime() - stopping < TimeUnit.MILLISECONDS.toNanos(500), "C went on reading after cancel");
        assertEquals(0, eventsAfterCancel[0]);
        OpenFiles.assertNoneOpenedSince(fds);
    }

    /** What traverse() returns; a Throwable it throws instead is a test failure (never an OutOfMemoryError that JUnit would treat as fatal). */
    static CompletableFuture<TraversalStats> traverseOrFail(AsyncTraversals traversals, Path file, Visitor visitor) {
        try {
            return traversals.traverse(file, visitor);
        } catch (Throwable t) {
            throw new AssertionError("traverse() threw instead of failing its future", t);
        }
    }

    @Test
    void aStartThatFailsAtAnyStepFailsItsFutureFreesEverythingAndGivesBackItsSlot() throws Exception {
        for (AsyncTraversal.Step step : AsyncTraversal.Step.values()) {
            long handles = Handle.live();
            Throwable injected = step == AsyncTraversal.Step.ALLOCATE
                    ? new OutOfMemoryError("test: no memory for the control block")
                    : new IllegalStateException("test: handle table full, at " + step);
            AtomicBoolean failNext = new AtomicBoolean(true);
            AsyncTraversals traversals = new AsyncTraversals(1, 10, at -> {
                if (at == step && failNext.getAndSet(false)) {
                    sneakyThrow(injected);
                }
            });
            CompletableFuture<TraversalStats> failed = traverseOrFail(traversals, tenLines, new Visitor() { });
            ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS), step.name());
            assertSame(injected, e.getCause(), step.name());
            assertEquals(0, traversals.running(), step + ": the slot was given back");
            assertEquals(handles, Handle.live(), step + ": the scopes' handles were deleted");
            // one thread at most: had the slot leaked, this one would wait forever
            CompletableFuture<TraversalStats> next = traverseOrFail(traversals, tenLines, new Visitor() { });
            assertEquals(10, next.get(20, TimeUnit.SECONDS).lines(), step.name());
        }
        eventually("native threads gone", () -> traverse_async_threads() == 0);
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> void sneakyThrow(Throwable thrown) throws X {
        throw (X) thrown;
    }

    private static int stackDepth() {
        return StackWalker.getInstance().walk(frames -> (int) frames.count());
    }

    @Test
    void tenThousandCancelledQueuedTraversalsUnwindInALoopOnTheNativeThreadAndAllComplete() throws Exception {
        int queued = 10_000;
        long handles = Handle.live();
        Thread testThread = Thread.currentThread();
        AtomicInteger deepestNativeStart = new AtomicInteger();
        AsyncTraversals traversals = new AsyncTraversals(1, queued + 1, step -> {
            if (step == AsyncTraversal.Step.START_THREAD && Thread.currentThread() != testThread) {
                deepestNativeStart.accumulateAndGet(stackDepth(), Math::max);
            }
        });
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<TraversalStats> first = traverseOrFail(traversals, tenLines, new Visitor() {
            @Override
            public void start(int i) {
                inCallback.countDown();
                try {
                    assertTrue(proceed.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        });
        assertTrue(inCallback.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<TraversalStats>> cancelled = new ArrayList<>();
        for (int n = 0; n < queued; n++) {
            CompletableFuture<TraversalStats> future = traverseOrFail(traversals, tenLines, new Visitor() { });
            assertTrue(future.cancel(true));
            cancelled.add(future);
        }
        CompletableFuture<TraversalStats> last = traverseOrFail(traversals, tenLines, new Visitor() { });
        assertEquals(queued + 1, traversals.waiting());
        proceed.countDown(); // the first traversal ends: its thread hands the slot on, through all the cancelled ones
        assertEquals(10, first.get(20, TimeUnit.SECONDS).lines());
        assertEquals(10, last.get(20, TimeUnit.SECONDS).lines(), "the traversal queued after the cancelled ones ran");
        for (CompletableFuture<TraversalStats> future : cancelled) {
            assertTrue(future.isCancelled());
        }
        assertTrue(deepestNativeStart.get() > 0, "the last traversal was started from the first one's native thread");
        assertTrue(deepestNativeStart.get() < 200, "stack depth when the last traversal started: " + deepestNativeStart.get());
        eventually("slots and handles freed", () -> traversals.running() == 0 && traversals.waiting() == 0
                && Handle.live() == handles && traverse_async_threads() == 0);
    }

    @Test
    void aMissingFileFailsTheFutureWithNoSuchFileException() {
        Path missing = dir.resolve("missing.txt");
        CompletionException e = assertThrows(CompletionException.class, () -> Traversal.traverseAsync(missing, new Visitor() { }).join());
        NoSuchFileException cause = assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertEquals(missing.toString(), cause.getFile());
    }
}
