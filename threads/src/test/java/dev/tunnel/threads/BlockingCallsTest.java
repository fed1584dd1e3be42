package dev.tunnel.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A call handed to BlockingCalls runs or is rejected, even while it is being closed; it is never stranded. */
@Timeout(120)
class BlockingCallsTest {

    @Test
    void aSubmitAfterCloseIsRejectedNamingTheBlockingCalls() {
        BlockingCalls calls = new BlockingCalls("closed-test", 1, 1);
        calls.close();
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> calls.submit(() -> 1));
        assertTrue(e.getMessage().contains("BlockingCalls \"closed-test\""), e.getMessage());
    }

    @Test
    void closeRejectsASubmitWaitingForRoomAndStillRunsTheCallsItAccepted() throws Exception {
        BlockingCalls calls = new BlockingCalls("full-test", 1, 1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = calls.submit(() -> {
            running.countDown();
            return release.await(30, TimeUnit.SECONDS) ? 1 : -1;
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> queued = calls.submit(() -> 2); // fills the queue
        CompletableFuture<Object> waiting = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                waiting.complete(calls.submit(() -> 3));
            } catch (Throwable t) {
                waiting.complete(t);
            }
        });
        waiter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the third submit never waited for room");
            Thread.onSpinWait();
        }
        Thread closer = new Thread(calls::close);
        closer.start();
        // rejected while the first call still holds the only thread
        Object outcome = waiting.get(10, TimeUnit.SECONDS);
        RejectedExecutionException e = assertInstanceOf(RejectedExecutionException.class, outcome);
        assertTrue(e.getMessage().contains("BlockingCalls \"full-test\" is closed"), e.getMessage());
        assertFalse(first.isDone());
        release.countDown();
        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        assertEquals(2, queued.get(10, TimeUnit.SECONDS));
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(closer.isAlive(), "close() returned once the accepted calls ran");
        assertThrows(RejectedExecutionException.class, () -> calls.submit(() -> 4));
    }

    @Test
    void submittersRacingCloseGetAFutureThatCompletesOrARejectionNeverAStrandedCall() throws Exception {
        int submitters = 6;
        ExecutorService pool = Executors.newFixedThreadPool(submitters);
        try {
            for (int round = 0; round < 500; round++) {
                String name = "race-" + round;
                // a tiny queue, so that most submits wait for room in it while close() runs
                BlockingCalls calls = new BlockingCalls(name, 2, 1);
                AtomicInteger ran = new AtomicInteger();
                ConcurrentLinkedQueue<CompletableFuture<Integer>> returned = new ConcurrentLinkedQueue<>();
                CountDownLatch submitting = new CountDownLatch(submitters);
                List<Future<?>> loops = new ArrayList<>();
                for (int s = 0; s < submitters; s++) {
                    loops.add(pool.submit(() -> {
                        submitting.countDown();
                        for (int n = 0; n < 1_000_000; n++) {
                            try {
                                returned.add(calls.submit(ran::incrementAndGet));
                            } catch (RejectedExecutionException e) {
                                assertTrue(e.getMessage().contains("BlockingCalls \"" + name + "\""), e.getMessage());
                                return;
                            }
                        }
                        throw new AssertionError("never rejected after close");
                    }));
                }
                submitting.await();
                calls.close();
                for (Future<?> loop : loops) {
                    try {
                        loop.get(10, TimeUnit.SECONDS); // an assertion a submitter failed is thrown here
                    } catch (TimeoutException e) {
                        throw new AssertionError("round " + round + ": a submit hung (the queue filled with calls no worker will run)", e);
                    }
                }
                for (CompletableFuture<Integer> call : returned) {
                    try {
                        call.get(10, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        throw new AssertionError("round " + round + ": a call accepted while closing never ran", e);
                    }
                }
                assertEquals(returned.size(), ran.get(), "round " + round + ": every accepted call ran once");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
