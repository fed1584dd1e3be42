package dev.tunnel.testlib;

import static dev.tunnel.testlib.global.testlib.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.spi.CString;
import dev.tunnel.spi.Closure;
import dev.tunnel.spi.Gateways;
import dev.tunnel.testlib.lib.*;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closures of every shape of libtestlib's callbacks, generated from @Callback alone: a closure's
 * pointer goes where C takes the function pointer, C's arguments arrive to the bit whatever
 * registers they travel in (the trampoline touches none), C gets what the target returns, and
 * the declared failure value when the target throws or the closure is closed. A typedef with
 * user_data ignores it in a closure: the closure is the target.
 */
class ClosureShapesTest {
    private static final ThreadLocal<Throwable> QUIET = new ThreadLocal<>();
    /** Collects instead of logging: these tests throw on purpose. */
    private static final dev.tunnel.spi.ClosureExceptionHandler KEEP = (closure, thrown) -> QUIET.set(thrown);

    @ParameterizedTest
    @ValueSource(bytes = {Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE})
    void int8(byte v) {
        try (Closure<tl_int8_fn> c = tl_int8_fn.closure(x -> (byte) ~x)) {
            assertEquals((byte) ~v, tl_call_int8(c.pointer(), null, v));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-1 /* UINT64_MAX */, Long.MIN_VALUE, 0, 1, Long.MAX_VALUE})
    void uint64AndInt64(long v) {
        try (Closure<tl_uint64_fn> u = tl_uint64_fn.closure(x -> x ^ 0x5555_5555_5555_5555L);
             Closure<tl_int64_fn> s = tl_int64_fn.closure(x -> ~x)) {
            assertEquals(v ^ 0x5555_5555_5555_5555L, tl_call_uint64(u.pointer(), null, v));
            assertEquals(~v, tl_call_int64(s.pointer(), null, v));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0, 1.5, Double.MAX_VALUE, Double.MIN_VALUE, Double.NEGATIVE_INFINITY})
    void floatingPoint(double v) {
        try (Closure<tl_double_fn> d = tl_double_fn.closure(x -> -x);
             Closure<tl_float_fn> f = tl_float_fn.closure(x -> x * 2)) {
            assertEquals(Double.doubleToRawLongBits(-v), Double.doubleToRawLongBits(tl_call_double(d.pointer(), null, v)));
            assertEquals((float) v * 2, tl_call_float(f.pointer(), null, (float) v));
        }
    }

    @Test
    void boolAndEnum() {
        try (Closure<tl_bool_fn> b = tl_bool_fn.closure(x -> !x);
             Closure<tl_enum_fn> e = tl_enum_fn.closure(x -> x == TL_RED ? TL_BLUE : TL_GREEN)) {
            assertFalse(tl_call_bool(b.pointer(), null, true));
            assertTrue(tl_call_bool(b.pointer(), null, false));
            assertEquals(TL_BLUE, tl_call_enum(e.pointer(), null, TL_RED));
        }
    }

    @Test
    void userDataInTheMiddleOrLastIsSkipped() {
        try (Closure<tl_int32_fn> middle = tl_int32_fn.closure((a, b) -> a - b);
             Closure<tl_int16_fn> last = tl_int16_fn.closure(x -> (short) (x + 1))) {
            assertEquals(40 - 2, tl_call_int32(middle.pointer(), 40, null, 2));
            assertEquals((short) 0x8000, tl_call_int16(last.pointer(), (short) 0x7FFF, null));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 1 << 20})
    void stringsAreViewsValidDuringTheCall(int length) {
        String text = length == 5 ? "h\u00e9llo" : "x".repeat(length);
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<CString> kept = new AtomicReference<>();
        try (Closure<tl_string_fn> c = tl_string_fn.closure(s -> {
            seen.set(s.getString());
            kept.set(s);
        })) {
            tl_call_string(c.pointer(), null, new BytePointer(text, StandardCharsets.UTF_8));
        }
        assertEquals(text, seen.get());
        assertThrows(IllegalStateException.class, () -> kept.get().getString());
    }

    @Test
    void bytesWithEmbeddedNuls() {
        byte[] data = new byte[1000];
        new Random(7).nextBytes(data);
        data[0] = data[500] = 0;
        try (Closure<tl_bytes_fn> c = tl_bytes_fn.closure((bytes, n) -> Arrays.hashCode(bytes.getBytes(n)))) {
            assertEquals(Arrays.hashCode(data), tl_call_bytes(c.pointer(), null, new BytePointer(data), data.length));
        }
    }

    @Test
    void pointersReadAndWrittenInPlace() {
        try (tl_point point = new tl_point().x(3).y(4); IntPointer values = new IntPointer(1, 2, 3); Pointer opaque = new IntPointer(1);
             Closure<tl_pointer_fn> c = tl_pointer_fn.closure((p, v, o) -> {
                 p.as(tl_point::new).x(p.as(tl_point::new).y() * 10);
                 v.as(IntPointer::new).put(0, 10);
                 return o.address();
             })) {
            Pointer got = tl_call_pointer(c.pointer(), null, point, values, 3, opaque);
            assertEquals(40, point.x());
            assertEquals(10, values.get(0));
            assertEquals(opaque.address(), got.address());
        }
    }

    @Test
    void aKeptPointerWithoutUserDataCalledLater() {
        try (Closure<tl_none_fn> c = tl_none_fn.closure(v -> v * 3)) {
            tl_keep_none(c.pointer());
            assertEquals(63, tl_call_kept_none(21));
            assertEquals(63, tl_call_address(c.address(), 21));
        } finally {
            tl_keep_none(null);
        }
    }

    @Test
    void aNativeThreadCallsAClosure() {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> seen = new AtomicReference<>();
        try (Closure<tl_int32_fn> c = tl_int32_fn.closure((a, b) -> {
            seen.set(Thread.currentThread());
            return a + b;
        })) {
            assertEquals(42, tl_call_int32_on_thread(c.pointer(), 40, null, 2));
        }
        assertNotSame(caller, seen.get());
    }

    @Test
    void cGetsEachDeclaredFailureValue() {
        RuntimeException boom = new RuntimeException("boom");
        try (Closure<tl_int8_fn> i8 = tl_int8_fn.closure(x -> { throw boom; }, KEEP);
             Closure<tl_double_fn> d = tl_double_fn.closure(x -> { throw boom; }, KEEP);
             Closure<tl_float_fn> f = tl_float_fn.closure(x -> { throw boom; }, KEEP);
             Closure<tl_bool_fn> b = tl_bool_fn.closure(x -> { throw boom; }, KEEP);
             Closure<tl_int64_fn> i64 = tl_int64_fn.closure(x -> { throw boom; }, KEEP);
             Closure<tl_pointer_fn> p = tl_pointer_fn.closure((x, y, z) -> { throw boom; }, KEEP)) {
            assertEquals(-8, tl_call_int8(i8.pointer(), null, (byte) 1));
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(tl_call_double(d.pointer(), null, 1)));
            assertTrue(Float.isNaN(tl_call_float(f.pointer(), null, 1)));
            assertTrue(tl_call_bool(b.pointer(), null, false));
            assertEquals(Long.MIN_VALUE, tl_call_int64(i64.pointer(), null, 1));
            try (tl_point point = new tl_point(); IntPointer values = new IntPointer(1)) {
                assertNull(tl_call_pointer(p.pointer(), null, point, values, 1, null));
            }
            assertSame(boom, QUIET.get());
        }
    }

    @Test
    void aGatewayForClosuresCalledWithAnotherTypedefsClosureIdFindsNothing() {
        try (Closure<tl_int32_fn> other = tl_int32_fn.closure((a, b) -> a + b);
             Closure<tl_none_fn> none = tl_none_fn.closure(v -> v * 2)) {
            assertEquals(3, tl_call_int32(other.pointer(), 1, null, 2)); // this thread's last closure: other's
            long rejected = tl_none_fn.closures().rejected();
            // misuse: C calling tl_none_fn's gateway for closures itself, not one of its closures
            assertEquals(-1, tl_call_address(Gateways.functionAddress(tl_none_fn.closures().gateway()), 5));
            assertEquals(rejected + 1, tl_none_fn.closures().rejected());
            assertEquals(10, tl_call_address(none.address(), 5));
        }
    }

    @Test
    void aClosedClosureGivesTheFailureValue() {
        Closure<tl_uint32_fn> c = tl_uint32_fn.closure(x -> x + 1);
        assertEquals(8, tl_call_uint32(c.pointer(), null, 7));
        c.close();
        assertEquals(0xFFFFFFF0, tl_call_uint32(c.pointer(), null, 7));
        assertNotEquals(0, Gateways.functionAddress(c.pointer()), "a closed closure's pointer stays callable");
    }
}
