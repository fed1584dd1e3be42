package dev.tunnel.testlib;

import static dev.tunnel.testlib.global.testlib.tl_emit_elements;
import static dev.tunnel.testlib.global.testlib.tl_emit_events;
import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.spi.EventBatch;
import dev.tunnel.spi.EventBytes;
import dev.tunnel.spi.EventStrings;
import dev.tunnel.testlib.lib.tl_element_fn;
import dev.tunnel.testlib.lib.tl_event_fn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Batched delivery of tl_event_fn, an event of every C scalar type (user data in the middle), a
 * NUL-terminated string and a byte range: each value reaches Java exactly as C passed it, in
 * order, whatever the batch's size, though C wipes and frees the strings right after each call.
 */
class BatchedEventsTest {
    /** What testlib.c's tl_emit_events passes for event n, checked field by field. */
    static final class Expecting implements tl_event_fn.Batched {
        int n;

        Expecting(int first) {
            n = first;
        }

        @Override
        public void event(byte a, byte b, short c, short d, int e, int f, long g, long h, float x, double y, boolean flag, int color,
                long size, long pointer, EventBytes text, EventBytes bytes, int length) {
            String at = "event " + n;
            assertEquals((byte) (-128 + n % 256), a, at);
            assertEquals((byte) (255 - n % 256), b, at);
            assertEquals((short) (Short.MIN_VALUE + n), c, at);
            assertEquals((short) (0xFFFF - n), d, at);
            assertEquals(Integer.MIN_VALUE + n, e, at);
            assertEquals(-1 - n, f, at);
            assertEquals(Long.MIN_VALUE + n, g, at);
            assertEquals(-1L - n, h, at);
            assertEquals(n + 0.5f, x, at);
            assertEquals(-n - 0.25, y, at);
            assertEquals(n % 2 == 1, flag, at);
            assertEquals(n % 3 == 0 ? -3 : 1, color, at);
            assertEquals(-1L - n, size, at);
            assertEquals(n % 4 == 0 ? 0 : 0x1000L * (n + 1), pointer, at);
            if (n % 5 == 0) {
                assertNull(text, at);
            } else {
                StringBuilder letters = new StringBuilder();
                for (int i = 0; i < n % 40; i++) {
                    letters.append((char) ('a' + (n + i) % 26));
                }
                assertEquals(letters.toString(), text.getString(), at);
                assertTrue(text.contentEquals(letters), at);
            }
            assertEquals(n % 100, length, at);
            if (n % 7 == 0) {
                assertNull(bytes, at);
            } else {
                byte[] expected = new byte[length];
                for (int i = 0; i < length; i++) {
                    expected[i] = (byte) (n * 31 + i * 17);
                }
                assertArrayEquals(expected, bytes.getBytes(), at);
                assertEquals(length, bytes.length(), at);
            }
            n++;
        }
    }

    /** What testlib.c's tl_emit_elements passes for element n. */
    static final class ExpectingElements implements tl_element_fn.Batched {
        int n;
        int lentValues;

        @Override
        public void element(EventBytes name, EventStrings atts) {
            String at = "element " + n;
            assertTrue(name.contentEquals("e" + n), at);
            if (n % 11 == 0) {
                assertNull(atts, at);
            } else {
                int pairs = n % 7;
                assertEquals(2 * pairs, atts.size(), at);
                for (int i = 0; i < pairs; i++) {
                    assertEquals("a" + i, atts.get(2 * i).getString(), at);
                    boolean large = n % 500 == 499 && i == pairs - 1;
                    String value = large ? "w".repeat(40_000) : "v".repeat((n + i) % 5);
                    assertTrue(atts.get(2 * i + 1).contentEquals(value), at + ", value " + i);
                    lentValues += large ? 1 : 0;
                }
            }
            n++;
        }
    }

    @ParameterizedTest(name = "{0}-byte batch")
    @ValueSource(ints = {EventBatch.MIN_CAPACITY, 10_000, EventBatch.DEFAULT_CAPACITY})
    void stringArraysArriveStringByStringNullsAndLargeOnesIncluded(int capacity) {
        ExpectingElements handler = new ExpectingElements();
        try (EventBatch batch = EventBatch.open(capacity, tl_element_fn.batched(handler))) {
            tl_emit_elements(tl_element_fn.BATCHING, batch.pointer(), 0, 5000);
            batch.finish();
        }
        assertEquals(5000, handler.n);
        assertTrue(handler.lentValues > 0, "some values were larger than half the batch");
    }

    @Test
    void aStringArrayKeptPastItsCallThrows() {
        List<EventStrings> kept = new ArrayList<>();
        try (EventBatch batch = EventBatch.open(EventBatch.DEFAULT_CAPACITY, tl_element_fn.batched((name, atts) -> {
            if (atts != null && atts.size() > 0) {
                kept.add(atts);
            }
        }))) {
            tl_emit_elements(tl_element_fn.BATCHING, batch.pointer(), 1, 3);
            batch.finish();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get(0).size());
        assertTrue(e.getMessage().contains("the atts argument of a tl_element_fn event"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}-byte batch")
    @ValueSource(ints = {EventBatch.MIN_CAPACITY, EventBatch.MIN_CAPACITY + 8, 10_000, EventBatch.DEFAULT_CAPACITY})
    void everyValueArrivesAsCPassedItInOrder(int capacity) {
        Expecting handler = new Expecting(0);
        try (EventBatch batch = EventBatch.open(capacity, tl_event_fn.batched(handler))) {
            tl_emit_events(tl_event_fn.BATCHING, batch.pointer(), 0, 20_000);
            assertTrue(handler.n < 20_000, "the last records wait for finish(), got " + handler.n);
            batch.finish();
        }
        assertEquals(20_000, handler.n);
    }

    @Test
    void aBatchServesOneCCallAfterAnother() {
        Expecting handler = new Expecting(0);
        try (EventBatch batch = EventBatch.open(EventBatch.MIN_CAPACITY, tl_event_fn.batched(handler))) {
            for (int first = 0; first < 3000; first += 1000) {
                tl_emit_events(tl_event_fn.BATCHING, batch.pointer(), first, 1000);
                batch.finish();
                assertEquals(first + 1000, handler.n);
            }
        }
    }

    @Test
    void aViewKeptPastItsCallThrowsNamingTheArgument() {
        List<EventBytes> kept = new ArrayList<>();
        try (EventBatch batch = EventBatch.open(EventBatch.DEFAULT_CAPACITY,
                tl_event_fn.batched((a, b, c, d, e, f, g, h, x, y, flag, color, size, pointer, text, bytes, length) -> {
                    if (text != null) {
                        kept.add(text);
                    }
                }))) {
            tl_emit_events(tl_event_fn.BATCHING, batch.pointer(), 1, 3);
            batch.finish();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get(0).getString());
        assertTrue(e.getMessage().contains("the text argument of a tl_event_fn event"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> kept.get(0).byteAt(0));
        assertTrue(kept.get(0).toString().contains("released"), kept.get(0).toString());
    }

    @Test
    void aHandlersThrowableIsRethrownByFinishAndNoLaterEventIsDelivered() {
        IllegalStateException thrown = new IllegalStateException("event 1234 refused");
        AtomicReference<Integer> last = new AtomicReference<>();
        Expecting checking = new Expecting(0);
        try (EventBatch batch = EventBatch.open(EventBatch.MIN_CAPACITY,
                tl_event_fn.batched((a, b, c, d, e, f, g, h, x, y, flag, color, size, pointer, text, bytes, length) -> {
                    int n = checking.n;
                    checking.event(a, b, c, d, e, f, g, h, x, y, flag, color, size, pointer, text, bytes, length);
                    last.set(n);
                    if (n == 1234) {
                        throw thrown;
                    }
                }))) {
            tl_emit_events(tl_event_fn.BATCHING, batch.pointer(), 0, 5000);
            assertTrue(batch.failed());
            assertSame(thrown, assertThrows(IllegalStateException.class, batch::finish));
            assertSame(thrown, batch.failure());
        }
        assertEquals(1234, last.get(), "no handler call after the failing one");
    }

    @Test
    void aHandlerCannotCloseItsOwnBatch() {
        EventBatch[] self = new EventBatch[1];
        int[] calls = {0};
        try (EventBatch batch = EventBatch.open(EventBatch.MIN_CAPACITY, tl_element_fn.batched((name, atts) -> {
            calls[0]++;
            self[0].close(); // would free the memory name reads
        }))) {
            self[0] = batch;
            tl_emit_elements(tl_element_fn.BATCHING, batch.pointer(), 0, 100);
            IllegalStateException e = assertThrows(IllegalStateException.class, batch::finish);
            assertTrue(e.getMessage().contains("closed by one of its own handlers"), e.getMessage());
        }
        assertEquals(1, calls[0], "the first handler's failure stopped delivery");
    }

    @Test
    void badCapacitiesAndKindsAreRefusedNamingThem() {
        tl_event_fn.Batched nothing = (a, b, c, d, e, f, g, h, x, y, flag, color, size, pointer, text, bytes, length) -> { };
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> EventBatch.open(4095, tl_event_fn.batched(nothing)));
        assertTrue(small.getMessage().contains("4095"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventBatch.open(EventBatch.MAX_CAPACITY + 1, tl_event_fn.batched(nothing)));
        assertThrows(IllegalArgumentException.class, () -> EventBatch.open(EventBatch.DEFAULT_CAPACITY));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> EventBatch.open(EventBatch.DEFAULT_CAPACITY, tl_event_fn.batched(nothing), tl_event_fn.batched(nothing)));
        assertTrue(twice.getMessage().contains("tl_event_fn"), twice.getMessage());
        assertThrows(NullPointerException.class, () -> tl_event_fn.batched(null));
        EventBatch closed = EventBatch.open(EventBatch.DEFAULT_CAPACITY, tl_event_fn.batched(nothing));
        closed.close();
        closed.close();
        assertThrows(IllegalStateException.class, closed::pointer);
    }
}
