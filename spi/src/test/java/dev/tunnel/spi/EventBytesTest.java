package dev.tunnel.spi;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.junit.jupiter.api.Test;

/**
 * {@link EventBytes} over records laid out as tunnel_events.h writes them: searching (eight bytes
 * at a time) agrees with a plain search everywhere, comparing with a String follows UTF-8,
 * and NULLs, corrupt slots and use after release are told apart.
 */
class EventBytesTest {
    /** A record of one bytes slot at 8 and the payload at 24, as a gateway writes it. */
    private static ByteBuffer record(byte[] bytes) {
        int size = 24 + ((bytes.length + 7) & ~7);
        ByteBuffer r = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        r.putLong(0, 1L | (long) size << 32).putLong(8, bytes.length).putLong(16, 0);
        r.put(24, bytes);
        return r;
    }

    private static EventBytes lend(ByteBuffer record) {
        EventBytes view = new EventBytes("test_fn", "bytes");
        assertSame(view, view.lend(record, 8, 24, record.capacity()));
        return view;
    }

    private static int plainIndexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void indexOfAgreesWithAPlainSearchEverywhere() {
        Random random = new Random(8);
        for (int round = 0; round < 20_000; round++) {
            int length = random.nextInt(round % 100 == 0 ? 3000 : 70);
            byte[] haystack = new byte[length];
            int alphabet = 1 + random.nextInt(4); // few distinct bytes: many candidates and near misses
            for (int i = 0; i < length; i++) {
                haystack[i] = (byte) (random.nextBoolean() ? 'a' + random.nextInt(alphabet) : random.nextInt(alphabet) * 0x7F);
            }
            byte[] needle = new byte[random.nextInt(6)];
            if (length > 0 && random.nextBoolean() && needle.length <= length) {
                System.arraycopy(haystack, random.nextInt(length - needle.length + 1), needle, 0, needle.length);
            } else {
                for (int i = 0; i < needle.length; i++) {
                    needle[i] = (byte) ('a' + random.nextInt(alphabet));
                }
            }
            int from = random.nextInt(8) - 2;
            EventBytes view = lend(record(haystack));
            int expected = plainIndexOf(haystack, needle, from);
            if (view.indexOf(needle, from) != expected) {
                fail("round " + round + ": '" + new String(needle, StandardCharsets.ISO_8859_1) + "' from " + from + " in "
                        + haystack.length + " bytes: " + view.indexOf(needle, from) + ", expected " + expected);
            }
        }
    }

    @Test
    void theBytesAreCsExactly() {
        byte[] bytes = {0, 'a', (byte) 0xFF, 0, (byte) 0xC3, 0x28, '\r'};
        EventBytes view = lend(record(bytes));
        assertEquals(7, view.length());
        assertArrayEquals(bytes, view.getBytes());
        assertEquals((byte) 0xFF, view.byteAt(2));
        byte[] into = new byte[9];
        view.copyTo(into, 2);
        assertEquals((byte) 0xC3, into[6]);
        assertEquals("\u0000a\uFFFD\u0000\uFFFD(\r", view.getString(), "malformed UTF-8 becomes U+FFFD");
        assertThrows(IndexOutOfBoundsException.class, () -> view.byteAt(7));
        assertThrows(IndexOutOfBoundsException.class, () -> view.byteAt(-1));
    }

    @Test
    void contentEqualsFollowsUtf8WithoutDecoding() {
        for (String text : new String[] {"", "plain", "h\u00e9llo", "\u20ac uro", "\uD83D\uDE00 face", "\u0000nul"}) {
            EventBytes view = lend(record(text.getBytes(StandardCharsets.UTF_8)));
            assertTrue(view.contentEquals(text), text);
            assertFalse(view.contentEquals(text + "x"), text);
            assertEquals(text.isEmpty(), view.contentEquals(""), text);
        }
        assertFalse(lend(record("h\u00e9llo".getBytes(StandardCharsets.ISO_8859_1))).contentEquals("h\u00e9llo"), "Latin-1 bytes are not UTF-8");
        assertFalse(lend(record(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).contentEquals("\uD800"), "no unpaired surrogate matches");
    }

    @Test
    void aReleasedViewThrowsAndSaysSoWithoutReading() {
        EventBytes view = lend(record("kept".getBytes(StandardCharsets.US_ASCII)));
        view.release();
        for (Runnable use : new Runnable[] {view::length, () -> view.byteAt(0), view::getString, () -> view.indexOf(new byte[] {'k'}),
                () -> view.contentEquals("kept"), view::getBytes}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, use::run);
            assertTrue(e.getMessage().contains("the bytes argument of a test_fn event was used after its handler returned"), e.getMessage());
        }
        assertEquals("EventBytes[test_fn.bytes, released]", view.toString());
    }

    /** Native memory holding {@code bytes} (and a NUL after them), as C would pass it. */
    private static BytePointer inC(byte[] bytes) {
        BytePointer memory = new BytePointer(bytes.length + 1L);
        memory.put(bytes, 0, bytes.length).put(bytes.length, (byte) 0);
        return memory;
    }

    @Test
    void csStringsAreLentCallAfterCallThroughOneView() {
        try (BytePointer name = inC("element-name".getBytes(StandardCharsets.US_ASCII));
             BytePointer text = inC("x\u0000y".getBytes(StandardCharsets.US_ASCII));
             PointerPointer<?> atts = new PointerPointer<>(name, text, null)) {
            EventBytes view = new EventBytes("test_fn", "name");
            EventStrings strings = new EventStrings("test_fn", "atts");
            for (int i = 0; i < 1000; i++) {
                assertTrue(view.lendString(name.address()).contentEquals("element-name"));
                view.release();
                assertArrayEquals(new byte[] {'x', 0, 'y'}, view.lendBytes(text.address(), 3).getBytes()); // NULs included
                view.release();
                EventStrings lent = strings.lendArray(atts.address());
                assertEquals(2, lent.size());
                assertTrue(lent.get(0).contentEquals("element-name") && lent.get(1).contentEquals("x"));
                strings.release();
            }
            assertThrows(IllegalStateException.class, view::length);
            assertThrows(IllegalStateException.class, strings::size);
        }
    }

    @Test
    void stringsPastTheCopyLimitAreReadInPlaceWhole() {
        byte[] big = new byte[EventBytes.COPY_MAX + 10];
        java.util.Arrays.fill(big, (byte) 'b');
        big[big.length - 1] = 'z';
        try (BytePointer memory = inC(big)) {
            EventBytes view = new EventBytes("test_fn", "name");
            assertEquals(big.length, view.lendString(memory.address()).length());
            assertEquals('z', view.byteAt(big.length - 1));
            assertArrayEquals(big, view.getBytes());
            assertEquals(3, view.lendBytes(memory.address() + big.length - 3, 3).length());
            assertEquals("bbz", view.getString());
            view.release();
            assertThrows(IllegalStateException.class, view::length);
            assertNull(view.lendString(0));
        }
    }

    @Test
    void nullAndCorruptSlotsAreToldApart() {
        ByteBuffer r = record(new byte[16]);
        r.putLong(16, EventBatch.NULL_BYTES);
        EventBytes view = new EventBytes("test_fn", "bytes");
        assertNull(view.lend(r, 8, 24, r.capacity()));
        assertEquals(24, view.next(), "a NULL takes no payload");
        ByteBuffer corrupt = record(new byte[16]);
        corrupt.putLong(8, 17); // one byte more than the record holds
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new EventBytes("test_fn", "bytes").lend(corrupt, 8, 24, corrupt.capacity()));
        assertTrue(e.getMessage().contains("corrupt test_fn record"), e.getMessage());
    }
}
