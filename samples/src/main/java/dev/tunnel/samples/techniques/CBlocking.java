package dev.tunnel.samples.techniques;

import static dev.tunnel.traverse.global.traverse.*;

/**
 * C's {@code tn_block(ms)}, a call that blocks its thread (a stand-in for slow I/O), and C's
 * count of such calls in progress. Run blocking calls on a bounded
 * {@link dev.tunnel.threads.BlockingCalls} so a burst of them never becomes a burst of threads:
 *
 * <pre>{@code
 * try (BlockingCalls io = new BlockingCalls("io", 4, 256)) {
 *     List<CompletableFuture<Integer>> calls = ...; // 1,000 x io.submit(() -> CBlocking.block(10))
 *     // CBlocking.peak() <= 4
 * }
 * }</pre>
 */
public final class CBlocking {
    private CBlocking() {
    }

    /**
     * Blocks the calling thread for {@code ms} milliseconds in C.
     *
     * @return {@code ms}
     * @throws IllegalArgumentException if {@code ms} is negative
     */
    public static int block(int ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("ms must not be negative, got " + ms);
        }
        return tn_block(ms);
    }

    /** Calls blocked in C now. */
    public static int inFlight() {
        return tn_block_in_flight();
    }

    /** The most calls blocked in C at once since {@link #resetPeak()}. */
    public static int peak() {
        return tn_block_peak();
    }

    /** Starts a new peak measurement from the calls in flight now. */
    public static void resetPeak() {
        tn_block_reset_peak();
    }
}
