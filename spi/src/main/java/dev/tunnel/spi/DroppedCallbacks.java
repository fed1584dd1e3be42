package dev.tunnel.spi;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts the callbacks gateways dropped because C called with a {@code user_data} that names no
 * live {@link CallbackScope} (stale, forged or NULL), or with no target bound to the thread, and
 * logs them without flooding the log: the first drop of each callback type with its stack, then
 * one summary line at each power of two.
 *
 * <pre>{@code
 * long before = DroppedCallbacks.count("EndCallbackFn");
 * // ... C calls the EndCallbackFn gateway with a forged user_data, a million times ...
 * DroppedCallbacks.count("EndCallbackFn") - before; // 1000000; the log got 21 lines
 * }</pre>
 */
public final class DroppedCallbacks {
    private static final System.Logger LOG = System.getLogger(DroppedCallbacks.class.getName());
    private static final ConcurrentHashMap<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final AtomicLong TOTAL = new AtomicLong();

    private DroppedCallbacks() {
    }

    /** How many callbacks of {@code callbackType} were dropped since the JVM started. */
    public static long count(String callbackType) {
        AtomicLong count = COUNTS.get(callbackType);
        return count == null ? 0 : count.get();
    }

    /** How many callbacks of any type were dropped since the JVM started. */
    public static long total() {
        return TOTAL.get();
    }

    /**
     * Records a dropped callback; {@code why} says what was wrong, and is asked only for the
     * calls that are logged: a C library calling a million times with a forged user_data must
     * not pay a formatted message (or an exception's stack walk) each time. Never throws.
     */
    static void record(String callbackType, Supplier<String> why) {
        try {
            TOTAL.incrementAndGet();
            long n = COUNTS.computeIfAbsent(callbackType, t -> new AtomicLong()).incrementAndGet();
            if (n == 1) {
                LOG.log(System.Logger.Level.ERROR, "dev.tunnel: " + callbackType + " callback dropped, nothing called: " + why.get(),
                        new Throwable("where C called"));
            } else if ((n & (n - 1)) == 0) {
                LOG.log(System.Logger.Level.ERROR, "dev.tunnel: " + n + " " + callbackType
                        + " callbacks dropped so far, nothing called; the latest: " + why.get());
            }
        } catch (Throwable ignored) {
            // a gateway runs under C frames: even a logging backend that throws must not get out
        }
    }
}
