package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.spi.EventBatch;
import dev.tunnel.spi.EventBytes;
import dev.tunnel.traverse.lib.LineCallbackFn;
import dev.tunnel.traverse.lib.NameEventFn;
import dev.tunnel.traverse.lib.SampleEventFn;
import dev.tunnel.traverse.lib.TraverseControl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Three typedefs of different signatures in one batch ({@code traverse_mixed_events}): every
 * event reaches its own handler in the order C made the calls, its values and bytes exact,
 * whatever the batch size and payload sizes, up to payloads far larger than the batch.
 */
class MixedEventBatchTest {
    /** The generator traverse_mixed_events draws from: xorshift64, as traverse.h gives it. */
    static final class Draws {
        private long x;

        Draws(long seed) {
            x = seed;
        }

        long next() {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            return x;
        }
    }

    /** Checks each event against the draw C made for it; counts them by kind. */
    static final class Expecting {
        final Draws draws;
        final long maxLength;
        long index;
        long samples;
        long names;
        long lines;

        Expecting(long seed, long maxLength) {
            this.draws = new Draws(seed);
            this.maxLength = maxLength;
        }

        /** The next draw, which must be of {@code kind}; returns r. */
        private long expect(int kind) {
            long r = draws.next();
            assertEquals(kind, (int) Long.remainderUnsigned(r, 3), "kind of event " + index);
            index++;
            return r;
        }

        private void checkBytes(long r, EventBytes bytes, long length) {
            long n = Long.remainderUnsigned(r >>> 8, maxLength + 1);
            assertEquals(n, length, "length of event " + (index - 1));
            assertEquals(n, bytes.length());
            for (int j = 0; j < n; j += Math.max(1, (int) (n / 97))) {
                assertEquals((byte) ((r >>> 16) + 7L * j), bytes.byteAt(j), "byte " + j + " of event " + (index - 1));
            }
            if (n > 0) {
                assertEquals((byte) ((r >>> 16) + 7L * (n - 1)), bytes.byteAt((int) n - 1));
            }
        }

        SampleEventFn.Batched samples() {
            return (offset, value, source) -> {
                long r = expect(0);
                assertEquals(index - 1, offset);
                assertEquals((double) (r >>> 11) * 0x1.0p-53, value);
                assertEquals(r & ~15L, source);
                samples++;
            };
        }

        NameEventFn.Batched names() {
            return (name, length) -> {
                checkBytes(expect(1), name, length);
                names++;
            };
        }

        LineCallbackFn.Batched lines() {
            return (i, bytes, length) -> {
                long r = expect(2);
                assertEquals(index - 1, i);
                checkBytes(r, bytes, length);
                lines++;
            };
        }
    }

    @ParameterizedTest(name = "{1} events, payloads up to {2} bytes, {0}-byte batch")
    @CsvSource({
        "4096, 20000, 40",
        "4096, 3000, 5000",       // many payloads over the 2 KiB lending limit
        "4104, 20000, 300",
        "65536, 200000, 64",
        "65536, 300, 1048576",    // up to a mebibyte: lent, never truncated
    })
    void everyKindReachesItsHandlerInOrder(int capacity, long count, long maxLength) {
        long seed = 0x9E3779B97F4A7C15L ^ count ^ capacity;
        Expecting expecting = new Expecting(seed, maxLength);
        try (TraverseControl control = new TraverseControl();
             EventBatch batch = EventBatch.open(capacity, () -> traverse_request_stop(control),
                     SampleEventFn.batched(expecting.samples()), NameEventFn.batched(expecting.names()),
                     LineCallbackFn.batched(expecting.lines()))) {
            traverse_control_init(control);
            int status = traverse_mixed_events(count, seed, maxLength, SampleEventFn.BATCHING, NameEventFn.BATCHING,
                    LineCallbackFn.BATCHING, batch.pointer(), control);
            batch.finish();
            assertEquals(TRAVERSE_OK, status);
            assertEquals(count, control.end_calls());
        }
        assertEquals(count, expecting.index);
        assertEquals(count, expecting.samples + expecting.names + expecting.lines);
        assertTrue(expecting.samples > 0 && expecting.names > 0 && expecting.lines > 0, "all three kinds were drawn");
    }

    @Test
    void anUnwantedKindIsANullCallbackAndCostsNoRecord() {
        long seed = 77;
        long[] names = {0};
        try (EventBatch batch = EventBatch.open(EventBatch.MIN_CAPACITY, NameEventFn.batched((name, length) -> names[0]++))) {
            int status = traverse_mixed_events(3000, seed, 100, null, NameEventFn.BATCHING, null, batch.pointer(), null);
            batch.finish();
            assertEquals(TRAVERSE_OK, status);
        }
        Draws draws = new Draws(seed);
        long expected = 0;
        for (int i = 0; i < 3000; i++) {
            expected += Long.remainderUnsigned(draws.next(), 3) == 1 ? 1 : 0;
        }
        assertEquals(expected, names[0]);
    }

    @Test
    void aRecordOfAKindTheBatchHasNoHandlerForFailsTheBatchNamingIt() {
        try (TraverseControl control = new TraverseControl();
             EventBatch batch = EventBatch.open(EventBatch.MIN_CAPACITY, () -> traverse_request_stop(control),
                     NameEventFn.batched((name, length) -> { }))) {
            traverse_control_init(control);
            int status = traverse_mixed_events(10_000, 5, 10, SampleEventFn.BATCHING, NameEventFn.BATCHING, null, batch.pointer(), control);
            IllegalStateException e = assertThrows(IllegalStateException.class, batch::finish);
            assertTrue(e.getMessage().contains("kind") && e.getMessage().contains("NameEventFn"), e.getMessage());
            assertEquals(TRAVERSE_ESTOPPED, status, "the failure asked C to stop");
        }
    }

    @Test
    void aFailingHandlerStopsEveryKind() {
        RuntimeException thrown = new RuntimeException("the 500th sample");
        long[] after = {0};
        long[] samples = {0};
        try (TraverseControl control = new TraverseControl();
             EventBatch batch = EventBatch.open(EventBatch.MIN_CAPACITY, () -> traverse_request_stop(control),
                     SampleEventFn.batched((offset, value, source) -> {
                         if (++samples[0] == 500) {
                             throw thrown;
                         }
                         if (samples[0] > 500) {
                             after[0]++;
                         }
                     }),
                     NameEventFn.batched((name, length) -> after[0] += samples[0] >= 500 ? 1 : 0),
                     LineCallbackFn.batched((i, bytes, length) -> after[0] += samples[0] >= 500 ? 1 : 0))) {
            traverse_control_init(control);
            int status = traverse_mixed_events(1_000_000, 11, 50, SampleEventFn.BATCHING, NameEventFn.BATCHING,
                    LineCallbackFn.BATCHING, batch.pointer(), control);
            assertEquals(TRAVERSE_ESTOPPED, status);
            assertTrue(control.end_calls() < 1_000_000, "C stopped early: " + control.end_calls());
            assertSame(thrown, assertThrows(RuntimeException.class, batch::finish));
        }
        assertEquals(0, after[0], "no handler of any kind runs after the failure");
    }
}
