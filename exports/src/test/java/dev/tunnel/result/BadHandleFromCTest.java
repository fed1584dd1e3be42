package dev.tunnel.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunnel.Handle;
import dev.tunnel.InvalidHandleException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bad handle from C, of every kind, to every function that takes one: the call returns its
 * failure value, CResultLastError() names the function, the handle in hex and what is wrong,
 * Java logs exactly that with the exception, and nothing else changes. The JVM surviving
 * each case is part of the test: a crash would end the run.
 */
class BadHandleFromCTest {

    /** The C functions that take a handle; each returns whether it returned its failure value. */
    enum Function {
        CResultSet {
            @Override
            boolean call(long handle) {
                CResultLibrary.CResultSet(handle, (short) 7, 8, 9);
                return true; // void: the error is the only sign
            }
        },
        CResultString {
            @Override
            boolean call(long handle) {
                return CResultLibrary.CResultString(handle) == null;
            }
        },
        CFreeResult {
            @Override
            boolean call(long handle) {
                CResultLibrary.CFreeResult(handle);
                return true;
            }
        };

        abstract boolean call(long handle);
    }

    /** A bad handle, made fresh for each case, and the words that say what is wrong with it. */
    record Kind(String name, LongSupplier handle, String why) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Kind> KINDS = List.of(
            new Kind("zero", () -> 0, "zero is never a valid handle"),
            new Kind("out of range", () -> 0x12345, "out of range"),
            new Kind("never issued", BadHandleFromCTest::neverIssued, "never issued"),
            new Kind("already freed", BadHandleFromCTest::freed, "deleted: stale generation"),
            new Kind("freed, slot reused", BadHandleFromCTest::freedAndReused, "deleted: stale generation"));

    /** Results a case made and keeps live while it runs. */
    private static final List<Long> KEPT = new ArrayList<>();

    @AfterEach
    void freeKeptResults() {
        KEPT.forEach(CResultLibrary::CFreeResult);
        KEPT.clear();
    }

    static Stream<Arguments> cases() {
        return Stream.of(Function.values()).flatMap(f -> KINDS.stream().map(k -> Arguments.of(f, k)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void isReportedToCAndLoggedAndChangesNothing(Function function, Kind kind) {
        long bystander = CResultLibrary.CNewResult();
        CResultLibrary.CResultSet(bystander, (short) -1, 123, 456);
        long handle = kind.handle().getAsLong();
        long live = Handle.live();

        String error;
        boolean failureValue;
        try (LogRecords logs = LogRecords.capture()) {
            failureValue = function.call(handle);
            error = CResultLibrary.CResultLastError();

            String hex = String.format("0x%016x", handle);
            String expected = function + "(" + hex + "): dev.tunnel: invalid handle " + hex + ": ";
            assertTrue(error != null && error.startsWith(expected) && error.contains(kind.why()), error);

            assertEquals(1, logs.records().size());
            LogRecord record = logs.records().get(0);
            assertEquals(Level.WARNING, record.getLevel());
            assertEquals(error, record.getMessage());
            InvalidHandleException thrown = assertInstanceOf(InvalidHandleException.class, record.getThrown());
            assertEquals(handle, thrown.address());
        }
        assertTrue(failureValue, function + " did not return its failure value");
        assertEquals(live, Handle.live(), "a bad call created or deleted a handle");

        assertEquals("1: -1, 2: 123, 3: 456", CResultFunctionsTest.string(bystander));
        CResultLibrary.CFreeResult(bystander);
        assertNull(CResultLibrary.CResultLastError());
    }

    /** A handle in a slot Tunnel has never used: the same stripe and generation as a real one. */
    private static long neverIssued() {
        long real = CResultLibrary.CNewResult();
        CResultLibrary.CFreeResult(real);
        return real & 0xFFFF_FFFF_0000_000FL | 0x0FFF_0000L << 4;
    }

    private static long freed() {
        long result = CResultLibrary.CNewResult();
        CResultLibrary.CFreeResult(result);
        return result;
    }

    /** Freed, then its slot given to a new Result: the old handle must not reach the new one. */
    private static long freedAndReused() {
        long stale = freed();
        for (int i = 0; i < 1000; i++) {
            long next = CResultLibrary.CNewResult();
            if ((int) next == (int) stale) { // same slot, next generation
                KEPT.add(next); // live while the stale handle is used: it must stay out of reach
                return stale;
            }
            CResultLibrary.CFreeResult(next);
        }
        throw new AssertionError("the slot of a freed handle was never reused");
    }
}
