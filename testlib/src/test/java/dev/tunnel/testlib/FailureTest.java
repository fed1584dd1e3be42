package dev.tunnel.testlib;

import static dev.tunnel.testlib.global.testlib.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tunnel.spi.CallbackScope;
import dev.tunnel.testlib.lib.*;
import java.io.IOException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Throwable from the Java side of every shape: C gets the declared value, the Java caller gets
 * the same instance once C returned, and no later callback of that call enters Java.
 */
class FailureTest {
    static Stream<Arguments> shapes() {
        Scopes.Thrower t = new Scopes.Thrower();
        return Stream.of(
            arguments("tl_int8_fn", t, (tl_int8_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_int8(tl_int8_fn.GATEWAY, ud, (byte) 1)), (byte) -8),
            arguments("tl_uint8_fn", t, (tl_uint8_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_uint8(tl_uint8_fn.GATEWAY, ud, (byte) 1)), (byte) 0xF8),
            arguments("tl_uint16_fn", t, (tl_uint16_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_uint16(tl_uint16_fn.GATEWAY, ud, (short) 1)), (short) 0xFFF0),
            arguments("tl_uint32_fn", t, (tl_uint32_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_uint32(tl_uint32_fn.GATEWAY, ud, 1)), 0xFFFFFFF0),
            arguments("tl_int64_fn", t, (tl_int64_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_int64(tl_int64_fn.GATEWAY, ud, 1)), Long.MIN_VALUE),
            arguments("tl_uint64_fn", t, (tl_uint64_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_uint64(tl_uint64_fn.GATEWAY, ud, 1)), -16L),
            arguments("tl_size_fn", t, (tl_size_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_size(tl_size_fn.GATEWAY, ud, 1)), -1L),
            arguments("tl_float_fn", t, (tl_float_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_float(tl_float_fn.GATEWAY, ud, 1)), Float.NaN),
            arguments("tl_double_fn", t, (tl_double_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_double(tl_double_fn.GATEWAY, ud, 1)), -0.0),
            arguments("tl_bool_fn", t, (tl_bool_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_bool(tl_bool_fn.GATEWAY, ud, false)), true),
            arguments("tl_enum_fn", t, (tl_enum_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_enum(tl_enum_fn.GATEWAY, ud, TL_RED)), -3),
            arguments("tl_int16_fn", t, (tl_int16_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_int16(tl_int16_fn.GATEWAY, (short) 1, ud)), (short) -16),
            arguments("tl_int32_fn", t, (tl_int32_fn.Function) (a, b) -> { throw t.raise(); }, call(ud -> tl_call_int32(tl_int32_fn.GATEWAY, 1, ud, 2)), -32),
            arguments("tl_uintptr_fn", t, (tl_uintptr_fn.Function) v -> { throw t.raise(); }, call(ud -> tl_call_uintptr(tl_uintptr_fn.GATEWAY, ud.address(), 1)), -64L),
            arguments("tl_string_fn", t, (tl_string_fn.Function) s -> { throw t.raise(); },
                    call(ud -> { tl_call_string(tl_string_fn.GATEWAY, ud, new BytePointer("text")); return "returned"; }), "returned"),
            arguments("tl_bytes_fn", t, (tl_bytes_fn.Function) (b, n) -> { throw t.raise(); }, call(ud -> tl_call_bytes(tl_bytes_fn.GATEWAY, ud, new BytePointer("ab"), 2)), -2L),
            arguments("tl_pointer_fn", t, (tl_pointer_fn.Function) (p, v, o) -> { throw t.raise(); },
                    call(ud -> tl_call_pointer(tl_pointer_fn.GATEWAY, ud, new tl_point(), new IntPointer(1), 1, new IntPointer(1))), null),
            arguments("tl_int32_fn on a native thread", t, (tl_int32_fn.Function) (a, b) -> { throw t.raise(); },
                    call(ud -> tl_call_int32_on_thread(tl_int32_fn.GATEWAY, 1, ud, 2)), -32));
    }

    private static Function<Pointer, Object> call(Function<Pointer, Object> c) {
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void cGetsTheDeclaredValueAndTheCallerTheSameThrowable(String shape, Scopes.Thrower thrower, Object target,
            Function<Pointer, Object> c, Object declared) {
        Object cGot;
        try (CallbackScope<Object> scope = CallbackScope.open(target)) {
            cGot = c.apply(scope.pointer());
            IOException thrown = assertThrows(IOException.class, scope::rethrowFailure);
            assertSame(thrower.last, thrown);
        }
        if (declared == null) {
            assertTrue(((Pointer) cGot) == null || ((Pointer) cGot).isNull(), "NULL expected, got " + cGot);
        } else {
            assertEquals(declared, cGot, shape);
        }
    }

    @Test
    void noCallbackEntersJavaAfterTheFirstFailureOfACall() {
        int[] calls = {0};
        Scopes.Thrower thrower = new Scopes.Thrower();
        int[] results = new int[1000];
        try (IntPointer out = new IntPointer(results.length)) {
            IOException thrown = assertThrows(IOException.class, () -> Scopes.call((tl_int32_fn.Function) (a, b) -> {
                if (calls[0]++ == 500) {
                    throw thrower.raise();
                }
                return a + 2 * b;
            }, ud -> { tl_call_int32_repeatedly(tl_int32_fn.GATEWAY, ud, results.length, out); return null; }));
            out.get(results);
            assertSame(thrower.last, thrown);
            assertEquals(0, thrown.getSuppressed().length);
        }
        assertEquals(501, calls[0], "C kept calling; Java must not have been entered after the throw");
        for (int i = 0; i < results.length; i++) {
            assertEquals(i < 500 ? -i : -32, results[i], "result " + i);
        }
    }

    @Test
    void aStackOverflowInTheCallbackReachesTheCallerAndTheNextCallWorks() {
        StackOverflowError thrown = assertThrows(StackOverflowError.class,
                () -> Scopes.call((tl_int64_fn.Function) FailureTest::recurse, ud -> tl_call_int64(tl_int64_fn.GATEWAY, ud, 1)));
        assertNotNull(thrown);
        assertEquals(8L, (long) Scopes.call((tl_int64_fn.Function) v -> v * 2, ud -> tl_call_int64(tl_int64_fn.GATEWAY, ud, 4)));
    }

    private static long recurse(long v) {
        return recurse(v + 1) + 1;
    }

    @Test
    void aTargetOfTheWrongTypeIsAFailureNamingTheCallback() {
        ClassCastException thrown = assertThrows(ClassCastException.class,
                () -> Scopes.call("not a function", ud -> tl_call_int64(tl_int64_fn.GATEWAY, ud, 1)));
        assertTrue(thrown.getMessage().contains("tl_int64_fn"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("java.lang.String"), thrown.getMessage());
    }

    @Test
    void aThrowWithNoUserDataReachesTheCaller() {
        Scopes.Thrower thrower = new Scopes.Thrower();
        int[] got = {0};
        IOException thrown = assertThrows(IOException.class,
                () -> tl_none_fn.TARGET.within(v -> { throw thrower.raise(); }, () -> got[0] = tl_call_none(tl_none_fn.GATEWAY, 5)));
        assertSame(thrower.last, thrown);
        assertEquals(-1, got[0]);
    }
}
