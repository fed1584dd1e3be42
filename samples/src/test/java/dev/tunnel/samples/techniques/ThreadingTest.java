package dev.tunnel.samples.techniques;

import static dev.tunnel.traverse.global.traverse.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.threads.BlockingCalls;
import dev.tunnel.threads.DedicatedThread;
import dev.tunnel.traverse.lib.callback_fcn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Blocking C calls, thread-affine C state, and callbacks without user_data across threads. */
class ThreadingTest {
    @Test
    void aThousandBlockingCallsNeverUseMoreThanTheBound() throws Exception {
        CBlocking.resetPeak();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        int maxThreads = 0;
        try (BlockingCalls io = new BlockingCalls("io-test", 4, 32)) {
            for (int n = 0; n < 1000; n++) {
                calls.add(io.submit(() -> CBlocking.block(1)));
                maxThreads = Math.max(maxThreads, io.threads());
            }
            for (CompletableFuture<Integer> call : calls) {
                assertEquals(1, call.get());
            }
        }
        assertTrue(maxThreads <= 4, "pool threads: " + maxThreads);
        assertTrue(CBlocking.peak() <= 4 && CBlocking.peak() >= 1, "C saw " + CBlocking.peak() + " calls blocked at once");
        assertEquals(0, CBlocking.inFlight());
    }

    @Test
    void aDedicatedThreadGivesHundredCallerThreadsCorrectThreadAffineResults() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try (DedicatedThread owner = new DedicatedThread("session-test")) {
            owner.run(CSession::open);
            List<Future<Integer>> values = new ArrayList<>();
            for (int n = 0; n < 100; n++) {
                values.add(pool.submit(() -> owner.call(CSession::next)));
            }
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> value : values) {
                seen.add(value.get()); // an error would surface here as ExecutionException
            }
            seen.sort(null);
            for (int n = 0; n < 100; n++) {
                assertEquals(n + 1, seen.get(n), "every call saw the one session, in turn");
            }
            owner.run(CSession::close);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void withoutItCDetectsTheWrongThreadAndJavaReportsIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (DedicatedThread owner = new DedicatedThread("session-owner")) {
            owner.run(CSession::open);
            ExecutionException e = assertThrows(ExecutionException.class, () -> pool.submit(CSession::next).get());
            ThreadAffinityException wrong = assertInstanceOf(ThreadAffinityException.class, e.getCause());
            assertTrue(wrong.getMessage().contains("tn_session_next"), wrong.getMessage());
            assertThrows(ThreadAffinityException.class, CSession::close); // not from this thread either
            owner.run(CSession::close);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void concurrentCallersWithoutUserDataEachSeeTheirOwnFunction() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 1000;
                results.add(pool.submit(() -> {
                    for (int n = 0; n < 50; n++) {
                        int[] seen = {-1};
                        CLibrary.someCFunc(x -> {
                            seen[0] = x + offset; // only this thread's function may run
                            return x;
                        });
                        if (seen[0] != 2 + offset) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aPointerCKeepsAndCallsLaterFindsNoFunctionAndReturnsZero() throws Exception {
        int[] calls = {0};
        callback_fcn.TARGET.within(x -> {
            calls[0]++;
            return x * 10;
        }, () -> {
            tn_save_callback(callback_fcn.GATEWAY);
            assertEquals(70, tn_call_saved_callback(7)); // during the call that bound it: works
        });
        assertEquals(0, tn_call_saved_callback(7), "after that call: no function, 0 to C");
        int[] fromOtherThread = {-1};
        Thread other = new Thread(() -> fromOtherThread[0] = tn_call_saved_callback(7));
        other.start();
        other.join();
        assertEquals(0, fromOtherThread[0], "from another thread: no function, 0 to C");
        assertEquals(1, calls[0], "the function never ran outside its call");
        tn_save_callback(null);
    }
}
