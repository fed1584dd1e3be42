package dev.tunnel.testlib;

import static dev.tunnel.testlib.global.testlib.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.spi.Gateways;
import dev.tunnel.spi.Upcalls;
import dev.tunnel.testlib.lib.*;
import dev.tunnel.testlib.slots.ThrowingCallback;
import java.util.List;
import org.bytedeco.javacpp.FunctionPointer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Which way C enters Java: FFM upcall stubs on Java 22+ (unless {@code -Dtunnel.upcalls=jni}),
 * JNI trampolines otherwise, for every generated gateway, with tunnel-spi taken from its jar
 * (the versioned classes of {@code META-INF/versions/22} are only there). The Maven build runs
 * this module's tests twice, once with {@code -Dtunnel.upcalls=jni}, so every other test here
 * runs on both paths on Java 22+.
 */
class UpcallPathTest {
    private static final List<FunctionPointer> GATEWAYS = List.of(tl_bool_fn.GATEWAY, tl_bytes_fn.GATEWAY,
            tl_double_fn.GATEWAY, tl_enum_fn.GATEWAY, tl_float_fn.GATEWAY, tl_int16_fn.GATEWAY, tl_int32_fn.GATEWAY,
            tl_int64_fn.GATEWAY, tl_int8_fn.GATEWAY, tl_none_fn.GATEWAY, tl_pointer_fn.GATEWAY, tl_size_fn.GATEWAY,
            tl_string_fn.GATEWAY, tl_uint16_fn.GATEWAY, tl_uint32_fn.GATEWAY, tl_uint64_fn.GATEWAY, tl_uint8_fn.GATEWAY,
            tl_uintptr_fn.GATEWAY);

    /** The gateways every closure of a typedef jumps to, one per typedef. */
    private static final List<FunctionPointer> CLOSURE_GATEWAYS = List.of(tl_bool_fn.closures().gateway(),
            tl_bytes_fn.closures().gateway(), tl_double_fn.closures().gateway(), tl_enum_fn.closures().gateway(),
            tl_float_fn.closures().gateway(), tl_int16_fn.closures().gateway(), tl_int32_fn.closures().gateway(),
            tl_int64_fn.closures().gateway(), tl_int8_fn.closures().gateway(), tl_none_fn.closures().gateway(),
            tl_pointer_fn.closures().gateway(), tl_size_fn.closures().gateway(), tl_string_fn.closures().gateway(),
            tl_uint16_fn.closures().gateway(), tl_uint32_fn.closures().gateway(), tl_uint64_fn.closures().gateway(),
            tl_uint8_fn.closures().gateway(), tl_uintptr_fn.closures().gateway());

    /** What this JVM must take: nothing here may quietly fall back to JNI. */
    private static Upcalls.Path expected() {
        boolean forcedJni = "jni".equals(System.getProperty(Upcalls.PROPERTY));
        return Runtime.version().feature() >= 22 && !forcedJni ? Upcalls.Path.FFM : Upcalls.Path.JNI;
    }

    @Test
    void theJvmTakesTheExpectedPathAndSaysWhy() {
        assertEquals(expected(), Upcalls.path(), Upcalls.reason());
        String reason = Upcalls.reason();
        if (expected() == Upcalls.Path.FFM) {
            assertTrue(reason.startsWith("FFM upcall stubs (Java "), reason);
        } else if ("jni".equals(System.getProperty(Upcalls.PROPERTY))) {
            assertTrue(reason.contains("-Dtunnel.upcalls=jni"), reason);
        } else {
            assertTrue(reason.contains("need Java 22+"), reason);
        }
    }

    @Test
    void everyGeneratedGatewayTakesIt() {
        for (FunctionPointer gateway : GATEWAYS) {
            assertEquals(expected(), Upcalls.pathOf(gateway), gateway.getClass().getName());
            assertNotEquals(0, Gateways.functionAddress(gateway), gateway.getClass().getName());
        }
    }

    @Test
    void everyGatewayForClosuresTakesIt() {
        for (FunctionPointer gateway : CLOSURE_GATEWAYS) {
            assertEquals(expected(), Upcalls.pathOf(gateway), gateway.getClass().getName());
            assertNotEquals(0, Gateways.functionAddress(gateway), gateway.getClass().getName());
        }
    }

    @Test
    void cGetsTheStubAsAnArgumentAndThroughAStructField() {
        long given = tl_address_of(tl_int32_fn.GATEWAY);
        assertEquals(Gateways.functionAddress(tl_int32_fn.GATEWAY), given);
        try (tl_holder holder = new tl_holder()) {
            holder.fn(tl_int32_fn.GATEWAY);
            assertEquals(given, tl_address_in(holder));
        }
        // and it is one of the stubs made here exactly when this JVM takes FFM
        assertEquals(expected(), Upcalls.pathOf(tl_int32_fn.GATEWAY));
    }

    @Test
    void aStubDropsWhatAHandWrittenCallThrowsInsteadOfEndingTheJvm() {
        // on JNI this Throwable would unwind C frames: only the FFM path can be tested here
        Assumptions.assumeTrue(expected() == Upcalls.Path.FFM, "the JNI path throws a C++ exception through C: " + Upcalls.reason());
        ThrowingCallback thrower = Gateways.require(new ThrowingCallback());
        assertEquals(Upcalls.Path.FFM, Upcalls.pathOf(thrower));
        assertEquals(0, tl_call_address(Gateways.functionAddress(thrower), 5));
        assertEquals(0, tl_call_address(Gateways.functionAddress(thrower), 6));
        assertEquals(2, thrower.calls);
    }

    @Test
    void aNativeThreadIsAttachedForItsCallbackAndDetachedWhenItEnds() throws InterruptedException {
        Thread[] seen = new Thread[1];
        int got = Scopes.call((tl_int32_fn.Function) (a, b) -> {
            seen[0] = Thread.currentThread();
            return a + b;
        }, ud -> tl_call_int32_on_thread(tl_int32_fn.GATEWAY, 2, ud, 3));
        assertEquals(5, got);
        assertNotSame(Thread.currentThread(), seen[0], "C's thread, not the caller's");
        assertTrue(seen[0].isDaemon(), "a native thread is attached as a daemon: it must not keep the JVM alive");
        seen[0].join(10_000);
        assertFalse(seen[0].isAlive(), "C joined its thread, so its Java thread must be detached");
    }
}
