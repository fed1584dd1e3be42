package dev.tunnel.samples.techniques;

import static dev.tunnel.traverse.global.traverse.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.traverse.lib.ComplexPair;
import dev.tunnel.traverse.lib.PackedHeader;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/** The type-mapping functions: structs, strings, arrays, awkward layouts, the environment. */
class BasicsTest {
    @Test
    void distanceTakesTwoStructArguments() {
        assertEquals(5, new Point(1, 2).distanceTo(new Point(4, 6)));
        assertEquals(0, new Point(-3, 7).distanceTo(new Point(-3, 7)));
    }

    @Test
    void greetingCopiesTheMallocedStringIncludingNonAscii() {
        assertEquals("Hello, Java!", CStrings.greeting("Java"));
        assertEquals("Hello, Zürich ☕!", CStrings.greeting("Zürich ☕"));
    }

    @Test
    void greetingIntoTruncatesToTheCallersBuffer() {
        assertEquals("Hello", CStrings.greetingInto("Java", 6));
        assertEquals("Hello, Java!", CStrings.greetingInto("Java", 64));
        assertEquals("", CStrings.greetingInto("Java", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CStrings.greetingInto("Java", 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void packetIsCopiedByLengthWithItsEmbeddedNul() {
        assertArrayEquals(new byte[] {'T', 'U', 'N', 0, 'N', 'E', 'L'}, CStrings.packet());
    }

    @Test
    void squaresCopyIsIndependentOfCMemory() {
        assertArrayEquals(new int[] {0, 1, 4, 9, 16}, CArrays.squares(5));
        assertArrayEquals(new int[0], CArrays.squares(0));
        assertThrows(IllegalArgumentException.class, () -> CArrays.squares(-1));
    }

    @Test
    void squaresViewIsZeroCopyBothWays() {
        try (NativeIntArray squares = CArrays.squaresView(4)) {
            IntBuffer view = squares.view();
            assertTrue(view.isDirect());
            assertEquals(ByteOrder.nativeOrder(), view.order());
            assertEquals(4, view.get(2));
            view.put(0, 100);                   // Java writes C's memory...
            assertEquals(100 + 1 + 4 + 9, squares.sumInC()); // ...and C sees it
            assertEquals(100, squares.view().get(0));
        }
    }

    @Test
    void closedArrayRefusesUseAndClosesOnce() {
        NativeIntArray squares = CArrays.squaresView(3);
        squares.close();
        squares.close(); // no double free
        IllegalStateException e = assertThrows(IllegalStateException.class, squares::view);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void packedStructHasCsLayoutAndRoundTrips() {
        assertEquals(7, tn_packed_header_size());
        assertEquals(tn_packed_header_size(), Loader.sizeof(PackedHeader.class));
        assertEquals(1, tn_packed_header_id_offset());
        assertEquals(tn_packed_header_id_offset(), Loader.offsetof(PackedHeader.class, "id"));
        try (PackedHeader header = new PackedHeader()) {
            header.kind((byte) 7).id(0xCAFEBABE).flags((short) 0xF102); // unsigned values above the signed range
            assertEquals(7L + 0xCAFEBABEL + 0xF102L, tn_packed_header_sum(header)); // C reads what Java wrote
            tn_packed_header_fill(header, (byte) 200, 0x80000001, (short) 0xFFFF);
            assertEquals(200, Byte.toUnsignedInt(header.kind()));               // Java reads what C wrote
            assertEquals(0x80000001L, Integer.toUnsignedLong(header.id()));
            assertEquals(0xFFFF, Short.toUnsignedInt(header.flags()));
            byte[] raw = new byte[7];
            new BytePointer(header).get(raw);
            assertArrayEquals(new byte[] {(byte) 200, 1, 0, 0, (byte) 0x80, (byte) 0xFF, (byte) 0xFF}, raw,
                    "no padding between the fields (little-endian)");
        }
    }

    @Test
    void complexFloatStructIsAlignedToFourAsInC() {
        assertEquals(4, tn_complex_pair_x_offset());
        assertEquals(tn_complex_pair_x_offset(), Loader.offsetof(ComplexPair.class, "x"));
        assertEquals(12, tn_complex_pair_size());
        assertEquals(tn_complex_pair_size(), Loader.sizeof(ComplexPair.class));
        try (ComplexPair pair = new ComplexPair()) {
            tn_complex_pair_fill(pair, 42, 1.5f, -2f);
            assertEquals(42, pair.pad());
            assertEquals(1.5f, pair.x(0));
            assertEquals(-2f, pair.x(1));
            pair.x(0, 3f).x(1, 4f);                      // Java writes 3 + 4i
            tn_complex_pair_rotate(pair);                 // C multiplies by i: -4 + 3i
            assertEquals(-4f, tn_complex_pair_real(pair));
            assertEquals(3f, tn_complex_pair_imag(pair));
            assertEquals(-4f, pair.x(0));
            assertEquals(3f, pair.x(1));
        }
    }

    @Test
    void cEnvironmentIsNotSystemGetenv() {
        String name = "TUNNEL_TEST_" + ProcessHandle.current().pid();
        assertTrue(CEnvironment.get(name).isEmpty());
        CEnvironment.set(name, "from C");
        try {
            assertEquals("from C", CEnvironment.get(name).orElseThrow());
            assertNull(System.getenv(name), "the JVM's copy of the environment does not see C's setenv");
        } finally {
            CEnvironment.unset(name);
        }
        assertTrue(CEnvironment.get(name).isEmpty());
    }

    @Test
    void cEnvironmentSeesWhatTheJvmStartedWith() {
        String path = System.getenv("PATH");
        assertEquals(path, CEnvironment.get("PATH").orElse(null));
    }

    @Test
    void invalidEnvironmentNamesAreRejectedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CEnvironment.set("A=B", "x"));
        assertTrue(e.getMessage().contains("A=B"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CEnvironment.get(""));
    }
}
