package dev.tunnel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunnel.InvalidHandleException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stripe's spin lock is held for a few stores only: the slow work of a create or delete (an
 * exception's message and stack, a chunk of up to 2^27 slots) happens with no lock held, so
 * that other threads never spin through it.
 */
@Timeout(60)
class HandleTableLockTest {

    /** A table that notes, each time it starts slow work, how many stripe locks are held. */
    static final class Observed {
        final List<Integer> lockedAtSlowWork = new ArrayList<>();
        final HandleTable table = new HandleTable(HandleTable.MAX_STAMP, () -> lockedAtSlowWork.add(this.table.lockedStripes()));
    }

    @Test
    void aFailedDeleteBuildsItsExceptionWithNoStripeLocked() {
        Observed observed = new Observed();
        HandleTable table = observed.table;
        long deleted = table.create("gone", null);
        table.delete(deleted);
        long neverIssued = deleted + (1000L << HandleTable.STRIPE_BITS); // a slot of a chunk not yet allocated
        long evenGeneration = deleted + (1L << 32);
        for (long address : new long[] {deleted, neverIssued, evenGeneration, 0}) {
            InvalidHandleException e = assertThrows(InvalidHandleException.class, () -> table.delete(address));
            assertEquals(address, e.address());
        }
        assertTrue(observed.lockedAtSlowWork.size() >= 4, "exceptions built: " + observed.lockedAtSlowWork.size());
        assertEquals(List.of(0), List.copyOf(new HashSet<>(observed.lockedAtSlowWork)), "locks held while building each exception");
        // the failed deletes left the table as it was
        long next = table.create("next", null);
        assertEquals("next", table.get(next));
        assertEquals(1, table.live());
    }

    @Test
    void growingAStripeAllocatesItsChunksWithNoStripeLocked() {
        Observed observed = new Observed();
        HandleTable table = observed.table;
        List<Long> addresses = new ArrayList<>();
        for (int i = 0; i < 2000; i++) { // one thread, uncontended: one stripe, chunks of 64, 128, ... 1024
            addresses.add(table.create(i, null));
        }
        assertTrue(observed.lockedAtSlowWork.size() >= 5, "chunks allocated: " + observed.lockedAtSlowWork.size());
        assertEquals(List.of(0), List.copyOf(new HashSet<>(observed.lockedAtSlowWork)), "locks held while allocating each chunk");
        for (int i = 0; i < addresses.size(); i++) {
            assertEquals(i, table.get(addresses.get(i)));
        }
        assertEquals(2000, table.live());
        assertEquals(0, table.lockedStripes());
    }

    @Test
    void threadsGrowingTheSameStripesAtOnceLoseAndDuplicateNothing() throws Exception {
        HandleTable table = new HandleTable();
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<long[]>> created = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                created.add(pool.submit(() -> {
                    go.await();
                    long[] mine = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        mine[i] = table.create(base + i, null);
                    }
                    return mine;
                }));
            }
            go.countDown();
            Set<Long> all = new HashSet<>();
            for (int t = 0; t < threads; t++) {
                long[] mine = created.get(t).get(30, TimeUnit.SECONDS);
                for (int i = 0; i < perThread; i++) {
                    assertTrue(all.add(mine[i]), "address issued twice");
                    assertEquals(t * perThread + i, table.get(mine[i]));
                }
            }
            assertEquals((long) threads * perThread, table.live());
            for (long address : all) {
                table.delete(address);
            }
            assertEquals(0, table.live());
            assertEquals(0, table.lockedStripes());
            Object value = new Object();
            long again = table.create(value, null);
            assertSame(value, table.get(again));
            assertFalse(all.contains(again), "a deleted address came back");
        } finally {
            pool.shutdownNow();
        }
    }
}
