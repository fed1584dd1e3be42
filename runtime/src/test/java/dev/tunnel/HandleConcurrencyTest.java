package dev.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tunnel.internal.HandleTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Handles created, looked up and deleted from many threads at once. */
class HandleConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CYCLES_PER_THREAD = 1_000_000;

    /** A handle in flight from the thread that created it to the one that deletes it. */
    private record Sent(long address, Object value) { }

    /** Checks and deletes every handle waiting in {@code inbox}; returns how many resolved wrongly. */
    private static long receive(ArrayBlockingQueue<Sent> inbox) {
        long wrong = 0;
        for (Sent received; (received = inbox.poll()) != null; ) {
            if (Handle.valueAt(received.address()) != received.value()) {
                wrong++;
            }
            Handle.delete(received.address());
            if (Handle.TABLE.find(received.address()) != HandleTable.INVALID) {
                wrong++; // a deleted address resolved, even if its slot was reused at once
            }
        }
        return wrong;
    }

    /**
     * Each thread creates handles and hands every one to the next thread, which checks and
     * deletes it, so every delete happens on a thread other than the creator's and races with
     * its creates on the same stripe; handles pile up in the queues, so the table grows too.
     * Meanwhile every thread also looks up handles other threads have just handed on, which
     * are being deleted and their slots reused as it reads: each lookup must give the handle's
     * own value or fail, never a newer value.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void threadsDeletingEachOthersHandlesNeverSeeAWrongValue() throws Exception {
        long liveBefore = Handle.live();
        List<ArrayBlockingQueue<Sent>> inboxes = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            inboxes.add(new ArrayBlockingQueue<>(16_384));
        }
        AtomicReferenceArray<Sent> recent = new AtomicReferenceArray<>(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch sending = new CountDownLatch(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Long>> wrongCounts = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int me = t;
                Callable<Long> worker = () -> {
                    ArrayBlockingQueue<Sent> inbox = inboxes.get(me);
                    ArrayBlockingQueue<Sent> next = inboxes.get((me + 1) % THREADS);
                    long wrong = 0;
                    start.await();
                    for (int cycle = 0; cycle < CYCLES_PER_THREAD; cycle++) {
                        Object value = new Object();
                        Handle<Object> h = Handle.of(value);
                        if (h.value() != value || Handle.valueAt(h.address()) != value) {
                            wrong++;
                        }
                        Sent sent = new Sent(h.address(), value);
                        while (!next.offer(sent)) {
                            // The next thread is behind (or off its CPU): do our own share meanwhile.
                            wrong += receive(inbox);
                            Thread.yield();
                        }
                        recent.set(me, sent);
                        wrong += receive(inbox);
                        Sent other = recent.get(cycle % THREADS);
                        if (other != null) {
                            Object seen = Handle.TABLE.find(other.address());
                            if (seen != other.value() && seen != HandleTable.INVALID) {
                                wrong++;
                            }
                        }
                    }
                    // Keep receiving until every thread is done sending.
                    sending.countDown();
                    while (sending.getCount() > 0) {
                        wrong += receive(inbox);
                        Thread.yield();
                    }
                    return wrong + receive(inbox);
                };
                wrongCounts.add(pool.submit(worker));
            }
            start.countDown();
            long wrong = 0;
            for (Future<Long> count : wrongCounts) {
                wrong += count.get();
            }
            assertEquals(0, wrong, "lookups that gave a wrong value");
            assertEquals(liveBefore, Handle.live());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One thread grows a table chunk after chunk while another keeps looking up the first entries. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void lookupsStayCorrectWhileTheTableGrows() throws Exception {
        HandleTable table = new HandleTable();
        int early = 100;
        long[] addresses = new long[early];
        Object[] values = new Object[early];
        for (int i = 0; i < early; i++) {
            values[i] = new Object();
            addresses[i] = table.create(values[i], null);
        }
        CountDownLatch grown = new CountDownLatch(1);
        Thread grower = new Thread(() -> {
            for (int i = 0; i < 500_000; i++) {
                table.create(i, null);
            }
            grown.countDown();
        });
        grower.start();
        long lookups = 0;
        do {
            for (int i = 0; i < early; i++) {
                assertSame(values[i], table.get(addresses[i]));
            }
            lookups += early;
        } while (grown.getCount() > 0);
        grower.join();
        assertEquals(early + 500_000, table.live());
        assertEquals(true, lookups > 0);
    }

    /** Threads that share a stripe (more threads than stripes) create and delete without losing a count. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void moreThreadsThanStripesKeepAnExactCount() throws Exception {
        HandleTable table = new HandleTable();
        int threads = 2 * HandleTable.STRIPES;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> kept = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                kept.add(pool.submit(() -> {
                    long[] mine = new long[1000];
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < mine.length; i++) {
                            mine[i] = table.create(i, null);
                        }
                        for (int i = 0; i < mine.length; i++) {
                            if ((int) table.get(mine[i]) != i) {
                                throw new AssertionError("wrong value at " + Long.toHexString(mine[i]));
                            }
                            if (round < 19) {
                                table.delete(mine[i]);
                            }
                        }
                    }
                    return mine;
                }));
            }
            for (Future<long[]> future : kept) {
                future.get();
            }
            assertEquals(threads * 1000L, table.live());
        } finally {
            pool.shutdownNow();
        }
    }
}
