package dev.tunnel.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The limit's bookkeeping: slots are handed on exactly once, in a loop, whatever a start does. */
@Timeout(60)
class NativeThreadLimitTest {

    private static int stackDepth() {
        return StackWalker.getInstance().walk(frames -> (int) frames.count());
    }

    @Test
    void aReleaseWithNothingRunningIsRejectedNamingTheLimit() throws Exception {
        NativeThreadLimit limit = new NativeThreadLimit(3, 7);
        IllegalStateException e = assertThrows(IllegalStateException.class, limit::release);
        assertTrue(e.getMessage().contains("NativeThreadLimit[maxThreads=3, maxWaiting=7]"), e.getMessage());
        limit.submit(() -> { });
        limit.release();
        assertThrows(IllegalStateException.class, limit::release, "a second release for one thread");
        assertEquals(0, limit.running());
    }

    @Test
    void tenThousandQueuedStartsThatReleaseAtOnceAreHandedOnInALoop() throws Exception {
        int queued = 10_000;
        NativeThreadLimit limit = new NativeThreadLimit(1, queued);
        limit.submit(() -> { }); // holds the only slot
        AtomicInteger ran = new AtomicInteger();
        int[] deepest = {0};
        for (int n = 0; n < queued; n++) {
            limit.submit(() -> { // as a start cancelled while it waited: gives its slot straight back
                ran.incrementAndGet();
                deepest[0] = Math.max(deepest[0], stackDepth());
                limit.release();
            });
        }
        assertEquals(queued, limit.waiting());
        int base = stackDepth();
        limit.release();
        assertEquals(queued, ran.get());
        assertEquals(0, limit.running());
        assertEquals(0, limit.waiting());
        assertTrue(deepest[0] - base < 20, "each start ran " + (deepest[0] - base) + " frames below release()");
    }

    @Test
    void aStartThatThrowsWhenReleaseRunsItGivesItsSlotToTheNextAndReleaseDoesNotThrow() throws Exception {
        NativeThreadLimit limit = new NativeThreadLimit(1, 10);
        limit.submit(() -> { });
        List<String> started = new ArrayList<>();
        limit.submit(() -> {
            throw new IllegalStateException("test: the control block could not be allocated");
        });
        limit.submit(() -> started.add("second"));
        limit.release(); // runs the failing start, then the next one in its slot
        assertEquals(List.of("second"), started);
        assertEquals(1, limit.running());
        limit.release();
        assertEquals(0, limit.running());
    }

    @Test
    void aStartThatThrowsWhenSubmitRunsItFreesItsSlotAndReachesTheCaller() throws Exception {
        NativeThreadLimit limit = new NativeThreadLimit(1, 10);
        IllegalStateException thrown = new IllegalStateException("test: handle table full");
        IllegalStateException caught = assertThrows(IllegalStateException.class, () -> limit.submit(() -> {
            throw thrown;
        }));
        assertSame(thrown, caught);
        assertEquals(0, limit.running());
        boolean[] ran = {false};
        limit.submit(() -> ran[0] = true);
        assertTrue(ran[0], "the slot was free again");
        assertEquals(1, limit.running());
    }
}
