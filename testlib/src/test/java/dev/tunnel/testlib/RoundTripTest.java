package dev.tunnel.testlib;

import static dev.tunnel.testlib.global.testlib.*;
import static org.junit.jupiter.api.Assertions.*;

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
 * Every shape of libtestlib's callbacks, through gateways generated from @Callback alone: what C
 * passes is what Java receives, and what Java returns is what C gets, to the bit.
 */
class RoundTripTest {
    @ParameterizedTest
    @ValueSource(bytes = {Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE})
    void int8(byte v) {
        byte[] seen = new byte[1];
        byte got = Scopes.call((tl_int8_fn.Function) x -> { seen[0] = x; return (byte) ~x; }, ud -> tl_call_int8(tl_int8_fn.GATEWAY, ud, v));
        assertEquals(v, seen[0]);
        assertEquals((byte) ~v, got);
    }

    @Test
    void uint8EveryValue() {
        for (int i = 0; i < 256; i++) {
            byte v = (byte) i;
            byte got = Scopes.call((tl_uint8_fn.Function) x -> x, ud -> tl_call_uint8(tl_uint8_fn.GATEWAY, ud, v));
            assertEquals(i, Byte.toUnsignedInt(got));
        }
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 0x7FFF, (short) 0x8000, (short) 0xFFFF})
    void uint16(short v) {
        assertEquals(v, (short) Scopes.call((tl_uint16_fn.Function) x -> x, ud -> tl_call_uint16(tl_uint16_fn.GATEWAY, ud, v)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1})
    void uint32(int v) {
        assertEquals(Integer.toUnsignedLong(v),
                Integer.toUnsignedLong(Scopes.call((tl_uint32_fn.Function) x -> x, ud -> tl_call_uint32(tl_uint32_fn.GATEWAY, ud, v))));
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE})
    void int64(long v) {
        long[] seen = new long[1];
        long got = Scopes.call((tl_int64_fn.Function) x -> { seen[0] = x; return ~x; }, ud -> tl_call_int64(tl_int64_fn.GATEWAY, ud, v));
        assertEquals(v, seen[0]);
        assertEquals(~v, got);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1 /* UINT64_MAX */, Long.MIN_VALUE /* 2^63 */, 0})
    void uint64(long v) {
        assertEquals(Long.toUnsignedString(v),
                Long.toUnsignedString(Scopes.call((tl_uint64_fn.Function) x -> x, ud -> tl_call_uint64(tl_uint64_fn.GATEWAY, ud, v))));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1 /* SIZE_MAX */, 0, 1L << 40})
    void sizeT(long v) {
        assertEquals(v, (long) Scopes.call((tl_size_fn.Function) x -> x, ud -> tl_call_size(tl_size_fn.GATEWAY, ud, v)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7fc01234 /* NaN with a payload */, 0x80000000 /* -0.0f */, 1 /* MIN_VALUE */, 0x7f800000 /* +inf */})
    void floatBits(int bits) {
        float v = Float.intBitsToFloat(bits);
        int[] seen = new int[1];
        float got = Scopes.call((tl_float_fn.Function) x -> { seen[0] = Float.floatToRawIntBits(x); return x; },
                ud -> tl_call_float(tl_float_fn.GATEWAY, ud, v));
        assertEquals(bits, seen[0]);
        assertEquals(bits, Float.floatToRawIntBits(got));
    }

    @ParameterizedTest
    @ValueSource(longs = {0x7ff8deadbeef0001L /* NaN with a payload */, 0x8000000000000000L /* -0.0 */, 1 /* MIN_VALUE */,
            0x7fefffffffffffffL /* MAX_VALUE */})
    void doubleBits(long bits) {
        double v = Double.longBitsToDouble(bits);
        long[] seen = new long[1];
        double got = Scopes.call((tl_double_fn.Function) x -> { seen[0] = Double.doubleToRawLongBits(x); return x; },
                ud -> tl_call_double(tl_double_fn.GATEWAY, ud, v));
        assertEquals(bits, seen[0]);
        assertEquals(bits, Double.doubleToRawLongBits(got));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void bool(boolean v) {
        assertEquals(!v, Scopes.call((tl_bool_fn.Function) x -> !x, ud -> tl_call_bool(tl_bool_fn.GATEWAY, ud, v)));
    }

    @ParameterizedTest
    @ValueSource(ints = {TL_RED, TL_GREEN, TL_BLUE})
    void enumValue(int v) {
        assertEquals(v, (int) Scopes.call((tl_enum_fn.Function) x -> x, ud -> tl_call_enum(tl_enum_fn.GATEWAY, ud, v)));
    }

    @Test
    void userDataLast() {
        assertEquals(Short.MIN_VALUE, (short) Scopes.call((tl_int16_fn.Function) x -> x, ud -> tl_call_int16(tl_int16_fn.GATEWAY, Short.MIN_VALUE, ud)));
    }

    @Test
    void userDataInTheMiddle() {
        int[] seen = new int[2];
        int got = Scopes.call((tl_int32_fn.Function) (a, b) -> { seen[0] = a; seen[1] = b; return a ^ b; },
                ud -> tl_call_int32(tl_int32_fn.GATEWAY, Integer.MIN_VALUE, ud, Integer.MAX_VALUE));
        assertArrayEquals(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, seen);
        assertEquals(-1, got);
    }

    @Test
    void userDataAsUintptr() {
        try (dev.tunnel.spi.CallbackScope<tl_uintptr_fn.Function> scope = dev.tunnel.spi.CallbackScope.open(v -> v * 3)) {
            assertEquals(-3L * Integer.MAX_VALUE, tl_call_uintptr(tl_uintptr_fn.GATEWAY, scope.address(), -Integer.MAX_VALUE));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 1 << 20})
    void strings(int length) {
        String text = length == 5 ? "h\u00e9llo" : "x".repeat(length);
        AtomicReference<String> seen = new AtomicReference<>();
        long[] seenLength = new long[1];
        Scopes.call((tl_string_fn.Function) s -> { seen.set(s.getString()); seenLength[0] = s.length(); },
                ud -> { tl_call_string(tl_string_fn.GATEWAY, ud, new BytePointer(text, StandardCharsets.UTF_8)); return null; });
        assertEquals(text, seen.get());
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, seenLength[0]);
    }

    @Test
    void aNullStringIsNull() {
        boolean[] wasNull = {false};
        Scopes.call((tl_string_fn.Function) s -> wasNull[0] = s == null,
                ud -> { tl_call_string(tl_string_fn.GATEWAY, ud, (BytePointer) null); return null; });
        assertTrue(wasNull[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, 1 << 20})
    void bytesWithEmbeddedNuls(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        for (int i = 0; i < length; i += 7) {
            data[i] = 0;
        }
        byte[][] seen = new byte[1][];
        long got = Scopes.call((tl_bytes_fn.Function) (bytes, n) -> { seen[0] = bytes.getBytes(n); return Arrays.hashCode(seen[0]); },
                ud -> tl_call_bytes(tl_bytes_fn.GATEWAY, ud, new BytePointer(data), length));
        assertArrayEquals(data, seen[0]);
        assertEquals(Arrays.hashCode(data), got);
    }

    @Test
    void pointersReadAndWrittenInPlace() {
        try (tl_point point = new tl_point().x(3).y(4); IntPointer values = new IntPointer(1, 2, 3); Pointer opaque = new IntPointer(1)) {
            int[] seen = new int[3];
            Pointer got = Scopes.call((tl_pointer_fn.Function) (p, v, o) -> {
                tl_point q = p.as(tl_point::new);
                seen[0] = q.x();
                seen[1] = q.y();
                seen[2] = v.getInt(4);
                q.x(30);
                v.as(IntPointer::new).put(0, 10);
                return o.address();
            }, ud -> tl_call_pointer(tl_pointer_fn.GATEWAY, ud, point, values, 3, opaque));
            assertArrayEquals(new int[] {3, 4, 2}, seen);
            assertEquals(30, point.x());
            assertEquals(10, values.get(0));
            assertEquals(opaque.address(), got.address());
        }
    }

    @Test
    void noUserDataReachesTheFunctionBoundToTheThread() {
        assertEquals(42, (int) tl_none_fn.TARGET.call(v -> v * 2, () -> tl_call_none(tl_none_fn.GATEWAY, 21)));
    }

    @Test
    void aNativeThreadCallsBack() {
        Thread caller = Thread.currentThread();
        Thread[] seen = new Thread[1];
        int got = Scopes.call((tl_int32_fn.Function) (a, b) -> { seen[0] = Thread.currentThread(); return a + b; },
                ud -> tl_call_int32_on_thread(tl_int32_fn.GATEWAY, 40, ud, 2));
        assertEquals(42, got);
        assertNotSame(caller, seen[0]);
    }
}
