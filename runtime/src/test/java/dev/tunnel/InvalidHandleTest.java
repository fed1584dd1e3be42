package dev.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tunnel.internal.HandleTable;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every way an address can be bad, and the exception each one gets: never a crash, a wrong value or null. */
class InvalidHandleTest {

    private static final String PREFIX = "dev.tunnel: invalid handle ";

    /** Asserts that {@code call} throws for {@code address}, saying so in hex and giving {@code why}. */
    private static InvalidHandleException assertInvalid(long address, String why, Executable call) {
        InvalidHandleException e = assertThrows(InvalidHandleException.class, call);
        String hex = String.format("0x%016x", address);
        assertTrue(e.getMessage().startsWith(PREFIX + hex + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals(address, e.address());
        return e;
    }

    private static void assertInvalidEverywhere(long address, String why) {
        assertInvalid(address, why, () -> Handle.valueAt(address));
        assertInvalid(address, why, () -> Handle.valueAt(address, String.class));
        assertInvalid(address, why, () -> Handle.delete(address));
    }

    @Test
    void zeroIsNeverAHandle() {
        assertInvalidEverywhere(0, "zero");
    }

    @Test
    void aPointerToAddressZeroIsNeverAHandle() {
        Pointer nullPointer = new Pointer();
        assertInvalid(0, "zero", () -> Handle.valueAt(nullPointer));
        assertInvalid(0, "zero", () -> Handle.delete(nullPointer));
    }

    @Test
    void aNullPointerIsNeverAHandle() {
        assertInvalid(0, "null Pointer", () -> Handle.valueAt((Pointer) null));
        assertInvalid(0, "null Pointer", () -> Handle.valueAt((Pointer) null, String.class));
        assertInvalid(0, "null Pointer", () -> Handle.delete((Pointer) null));
    }

    @Test
    void anAddressNeverIssuedIsRejected() {
        try (Handle<String> h = Handle.of("real")) {
            // The same stripe and generation, a slot far beyond any used so far.
            long forged = h.address() & 0xFFFF_FFFF_0000_000FL | 0x0FFF_0000L << 4;
            assertInvalidEverywhere(forged, "never issued");
            // The same slot, a generation it has not reached.
            assertInvalidEverywhere(h.address() + (2L << 32), "never issued");
        }
    }

    @Test
    void anAddressOfTheWrongFormatIsOutOfRange() {
        try (Handle<String> h = Handle.of("real")) {
            assertInvalidEverywhere(h.address() + (1L << 32), "out of range"); // even generation
            assertInvalidEverywhere(h.address() | Long.MIN_VALUE, "out of range"); // sign bit
            assertInvalidEverywhere(h.address() & 0xFFFF_FFFFL, "out of range"); // generation 0
        }
    }

    @Test
    void aSmallIntegerIsNotAHandle() {
        for (long address = 1; address <= 1000; address++) {
            assertInvalidEverywhere(address, "out of range");
        }
    }

    @Test
    void aDeletedHandleIsRejected() {
        Handle<String> h = Handle.of("deleted");
        h.close();
        long address = h.address();
        assertInvalid(address, "deleted", h::value);
        assertInvalid(address, "deleted", () -> Handle.valueAt(address));
        assertInvalid(address, "deleted", () -> Handle.valueAt(h.pointer()));
        assertInvalid(address, "deleted", () -> Handle.valueAt(address, String.class));
    }

    @Test
    void aSecondCloseIsRejected() {
        Handle<String> h = Handle.of("closed twice");
        h.close();
        assertInvalid(h.address(), "deleted", h::close);
    }

    @Test
    void aDeleteFromCAfterCloseIsRejected() {
        Handle<String> h = Handle.of("closed, then freed by C");
        h.close();
        assertInvalid(h.address(), "deleted", () -> Handle.delete(h.address()));
        assertInvalid(h.address(), "deleted", () -> Handle.delete(h.pointer()));
    }

    @Test
    void aCloseAfterDeleteFromCIsRejected() {
        Handle<String> h = Handle.of("freed by C, then closed");
        Handle.delete(h.address());
        assertInvalid(h.address(), "deleted", h::close);
    }

    @Test
    void everySingleBitFlipOfALiveAddressIsRejected() {
        HandleTable table = new HandleTable();
        long address = table.create("only one", null);
        for (int bit = 0; bit < 64; bit++) {
            long forged = address ^ (1L << bit);
            InvalidHandleException e = assertThrows(InvalidHandleException.class, () -> table.get(forged),
                    "bit " + bit);
            assertTrue(e.getMessage().startsWith(String.format(PREFIX + "0x%016x: ", forged)), e.getMessage());
            assertThrows(InvalidHandleException.class, () -> table.delete(forged), "bit " + bit);
        }
        assertSame("only one", table.get(address));
    }

    @Test
    void randomForgedAddressesAreRejected() {
        HandleTable table = new HandleTable();
        for (int i = 0; i < 1000; i++) {
            table.create(i, null); // a few chunks' worth of live slots to land in
        }
        SplittableRandom random = new SplittableRandom(42);
        long[] special = {-1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFFL, 0xFFFF_FFFF_0000_0000L, 1L << 32};
        for (long forged : special) {
            assertForgedRejected(table, forged);
        }
        for (int i = 0; i < 100_000; i++) {
            long forged = random.nextLong();
            if (i % 2 == 0) {
                forged &= 0x0000_00FF_0000_3FFFL; // small generations and slots: near the live ones
            }
            assertForgedRejected(table, forged);
        }
    }

    /** The forged address either throws, or (for a near-miss that hits a live slot exactly) resolves to that slot's own value. */
    private static void assertForgedRejected(HandleTable table, long forged) {
        Object value = table.find(forged);
        if (value != HandleTable.INVALID) {
            // Only generation 1 of slots in use: a genuine address, which the table really issued.
            assertEquals(1, forged >>> 32, String.format("0x%016x", forged));
            return;
        }
        try {
            table.get(forged);
            fail(String.format("0x%016x resolved", forged));
        } catch (InvalidHandleException e) {
            assertTrue(e.getMessage().startsWith(String.format(PREFIX + "0x%016x: ", forged)), e.getMessage());
        }
    }

    @Test
    void aValueOfTheWrongTypeNamesTheAddressAndBothTypes() {
        try (Handle<Integer> h = Handle.of(42)) {
            ClassCastException e = assertThrows(ClassCastException.class, () -> Handle.valueAt(h.address(), String.class));
            String hex = String.format("0x%016x", h.address());
            assertEquals("dev.tunnel: handle " + hex + " holds a java.lang.Integer, not a java.lang.String", e.getMessage());
            assertThrows(ClassCastException.class, () -> Handle.valueAt(h.pointer(), String.class));
        }
    }

    @Test
    void theExceptionIsAnIllegalStateException() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Handle.valueAt(0));
        assertTrue(e instanceof InvalidHandleException);
    }
}
