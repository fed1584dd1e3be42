package dev.tunnel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunnel.Handle;
import dev.tunnel.InvalidHandleException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table's own guarantees: slot reuse, retirement, growth and tracing. */
class HandleTableTest {

    private static int slotOf(long address) {
        return (int) address;
    }

    @Test
    void aReusedSlotRejectsItsOldAddress() {
        long liveBefore = Handle.live();
        Handle<String> old = Handle.of("old");
        old.close();
        Handle<String> reuse = null;
        for (int i = 0; i < 1000 && reuse == null; i++) {
            Handle<String> h = Handle.of("new");
            if (slotOf(h.address()) == slotOf(old.address())) {
                reuse = h;
            } else {
                h.close();
            }
        }
        assertTrue(reuse != null, "the slot of " + old + " was never reused");
        try (Handle<String> h = reuse) {
            assertNotEquals(old.address(), h.address());
            InvalidHandleException e = assertThrows(InvalidHandleException.class, () -> Handle.valueAt(old.address()));
            assertTrue(e.getMessage().contains("deleted: stale generation"), e.getMessage());
            assertTrue(e.getMessage().contains("has been reused"), e.getMessage());
            assertThrows(InvalidHandleException.class, old::close);
            assertEquals("new", h.value());
        }
        assertEquals(liveBefore, Handle.live());
    }

    @Test
    void aSlotIsRetiredAfterItsLastGenerationInsteadOfWrapping() {
        HandleTable table = new HandleTable(7); // generations 1, 3, 5 and 7
        List<Long> lives = new ArrayList<>();
        long address = table.create("life 1", null);
        lives.add(address);
        for (int life = 2; life <= 4; life++) {
            table.delete(address);
            address = table.create("life " + life, null);
            assertEquals(slotOf(lives.get(0)), slotOf(address), "a single thread reuses the slot it just freed");
            lives.add(address);
        }
        assertEquals(7, address >>> 32);
        table.delete(address);

        long next = table.create("elsewhere", null);
        assertNotEquals(slotOf(lives.get(0)), slotOf(next), "a retired slot is never reused");
        assertEquals(1, next >>> 32);
        assertSame("elsewhere", table.get(next));
        for (long old : lives) {
            assertThrows(InvalidHandleException.class, () -> table.get(old));
            assertThrows(InvalidHandleException.class, () -> table.delete(old));
        }
        InvalidHandleException e = assertThrows(InvalidHandleException.class, () -> table.get(lives.get(3)));
        assertTrue(e.getMessage().contains("retired"), e.getMessage());
        assertEquals(1, table.live());
    }

    @Test
    void generationLimitMustBeAnOddPositiveNumber() {
        assertThrows(IllegalArgumentException.class, () -> new HandleTable(8));
        assertThrows(IllegalArgumentException.class, () -> new HandleTable(-1));
    }

    @Test
    void growthKeepsEveryEntryWhereItWas() {
        HandleTable table = new HandleTable();
        int count = 200_000; // a dozen chunks on one stripe
        long[] addresses = new long[count];
        Integer[] values = new Integer[count];
        for (int i = 0; i < count; i++) {
            values[i] = i;
            addresses[i] = table.create(values[i], null);
        }
        assertEquals(count, table.live());
        for (int i = 0; i < count; i++) {
            assertSame(values[i], table.get(addresses[i]));
        }
        for (int i = 0; i < count; i++) {
            table.delete(addresses[i]);
        }
        assertEquals(0, table.live());
        for (int i = 0; i < count; i += 997) {
            long address = addresses[i];
            assertThrows(InvalidHandleException.class, () -> table.get(address));
        }
    }

    @Test
    void freedSlotsAreReusedBeforeTheTableGrows() {
        HandleTable table = new HandleTable();
        long[] addresses = new long[1000];
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < addresses.length; i++) {
                addresses[i] = table.create(i, null);
            }
            for (long address : addresses) {
                table.delete(address);
            }
        }
        for (long address : addresses) {
            int index = slotOf(address) >>> HandleTable.STRIPE_BITS;
            assertTrue(index < 1000, String.format("slot 0x%08x: the table grew past its 1000 live handles", slotOf(address)));
        }
    }

    @Test
    void withTracingEveryLiveHandleListsTheStackThatCreatedIt() {
        HandleTable table = new HandleTable();
        long traced = table.create("traced", new Throwable());
        List<String> lines = table.liveTraces();
        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertTrue(line.startsWith(String.format("0x%016x -> java.lang.String, created", traced)), line);
        assertTrue(line.contains("dev.tunnel.internal.HandleTableTest.withTracingEveryLiveHandleListsTheStackThatCreatedIt("), line);
    }

    @Test
    void withoutTracingLiveHandlesAreListedWithoutAStack() {
        HandleTable table = new HandleTable();
        long untraced = table.create(42, null);
        List<String> lines = table.liveTraces();
        assertEquals(List.of(String.format("0x%016x -> java.lang.Integer"
                + " (creation stack not recorded: run with -Dtunnel.handle.trace=true)", untraced)), lines);
    }

    @Test
    void aDeletedHandleLeavesNoTrace() {
        HandleTable table = new HandleTable();
        long traced = table.create("traced", new Throwable());
        table.delete(traced);
        assertEquals(List.of(), table.liveTraces());
        long reused = table.create("untraced", null);
        assertEquals(slotOf(traced), slotOf(reused));
        assertTrue(table.liveTraces().get(0).contains("creation stack not recorded"), table.liveTraces().toString());
    }
}
