package dev.tunnel.result;

import static dev.tunnel.result.CResultLibrary.CFreeResult;
import static dev.tunnel.result.CResultLibrary.CNewResult;
import static dev.tunnel.result.CResultLibrary.CResultLastError;
import static dev.tunnel.result.CResultLibrary.CResultSet;
import static dev.tunnel.result.CResultLibrary.CResultString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunnel.Handle;
import java.util.concurrent.CompletableFuture;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * The C functions of result.h, called from Java through libjniresult: each goes Java → C →
 * Java, exactly the path of a C caller, so what C receives is what these tests see.
 */
class CResultFunctionsTest {

    /** CResultString's text, freed with free() as a C caller would. */
    static String string(long result) {
        BytePointer str = CResultString(result);
        try {
            return str == null ? null : str.getString();
        } finally {
            Pointer.free(str);
        }
    }

    @Test
    void theBlogPostsCallsPrintItsLine() {
        long result = CNewResult();
        assertNotEquals(0, result);
        CResultSet(result, (short) -1, 123, 456);
        assertEquals("1: -1, 2: 123, 3: 456", string(result));
        CFreeResult(result);
        assertNull(CResultLastError());
    }

    @Test
    void aHandleFromCIsATunnelHandleToAJavaResult() {
        long result = CNewResult();
        assertEquals(Result.class, Handle.valueAt(result).getClass());
        CFreeResult(result);
    }

    @Test
    void uint32ValuesAtAndAboveTwoToThe31SurviveTheRoundTrip() {
        long result = CNewResult();
        for (long val3 : new long[] {0x7FFF_FFFFL, 0x8000_0000L, 4_000_000_000L, 0xFFFF_FFFFL}) {
            CResultSet(result, (short) 0, 0, (int) val3); // C receives the uint32_t val3
            assertEquals("1: 0, 2: 0, 3: " + val3, string(result));
        }
        CFreeResult(result);
    }

    @Test
    void int16AndInt64KeepTheirExtremes() {
        long result = CNewResult();
        CResultSet(result, Short.MIN_VALUE, Long.MIN_VALUE, 0);
        assertEquals("1: -32768, 2: -9223372036854775808, 3: 0", string(result));
        CFreeResult(result);
    }

    @Test
    void eachHandleIsItsOwnResult() {
        long a = CNewResult();
        long b = CNewResult();
        assertNotEquals(a, b);
        CResultSet(a, (short) 1, 1, 1);
        CResultSet(b, (short) 2, 2, 2);
        assertEquals("1: 1, 2: 1, 3: 1", string(a));
        assertEquals("1: 2, 2: 2, 3: 2", string(b));
        CFreeResult(a);
        CFreeResult(b);
    }

    @Test
    void aSuccessfulCallClearsTheLastError() {
        CFreeResult(0);
        assertTrue(CResultLastError().startsWith("CFreeResult(0x0000000000000000): "), CResultLastError());
        long result = CNewResult();
        assertNull(CResultLastError());
        CFreeResult(result);
    }

    @Test
    void theLastErrorBelongsToTheThreadThatFailed() throws Exception {
        CFreeResult(0);
        String otherThread = CompletableFuture.supplyAsync(CResultLibrary::CResultLastError).get();
        assertNull(otherThread);
        assertTrue(CResultLastError().startsWith("CFreeResult(0x0000000000000000): "), CResultLastError());
    }

    @Test
    void aHandleToSomethingElseIsRefusedAndLeftAlone() {
        try (Handle<String> other = Handle.of("not a Result")) {
            CResultSet(other.address(), (short) 1, 2, 3);
            assertEquals(String.format("CResultSet(0x%016x): dev.tunnel: handle 0x%016x holds a java.lang.String,"
                    + " not a dev.tunnel.result.Result", other.address(), other.address()), CResultLastError());
            CFreeResult(other.address());
            assertTrue(CResultLastError().contains("holds a java.lang.String"), CResultLastError());
            assertEquals("not a Result", other.value()); // still live: CFreeResult did not delete it
        }
    }

    @Test
    void anUnexpectedExceptionInJavaReachesCAsAnError() {
        try (LogRecords logs = LogRecords.capture(); Handle<Result> empty = Handle.of(null)) {
            CResultSet(empty.address(), (short) 1, 2, 3); // Java's set() meets a null Result
            String error = CResultLastError();
            assertTrue(error.startsWith(String.format("CResultSet(0x%016x): java.lang.NullPointerException", empty.address())), error);
            assertEquals(1, logs.records().size());
            assertEquals(NullPointerException.class, logs.records().get(0).getThrown().getClass());
        }
    }
}
