package dev.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a valid handle does, through the public API and the global table. */
class HandleTest {

    private long liveBefore;

    @BeforeEach
    void countLiveHandles() {
        liveBefore = Handle.live();
    }

    @AfterEach
    void everyTestDeletesWhatItCreates() {
        assertEquals(liveBefore, Handle.live(), "handles leaked by this test");
    }

    static Stream<Arguments> valueKinds() {
        return Stream.of(
                Arguments.of("object", new Object()),
                Arguments.of("null", null),
                Arguments.of("boxed Integer", Integer.valueOf(123_456)),
                Arguments.of("small cached Integer", 7),
                Arguments.of("String", "hello Java"),
                Arguments.of("array", new int[] {1, 2, 3}),
                Arguments.of("lambda", (Runnable) () -> { }),
                Arguments.of("list", new ArrayList<>(List.of("a", "b"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueKinds")
    void everyKindOfValueResolvesToItselfByEveryLookup(String kind, Object value) {
        try (Handle<Object> h = Handle.of(value)) {
            assertSame(value, h.value());
            assertSame(value, Handle.valueAt(h.address()));
            assertSame(value, Handle.valueAt(h.pointer()));
            assertSame(value, Handle.valueAt(h.address(), Object.class));
            assertSame(value, Handle.valueAt(h.pointer(), Object.class));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueKinds")
    void theSameValueTwiceGetsTwoAddressesThatBothResolve(String kind, Object value) {
        try (Handle<Object> first = Handle.of(value); Handle<Object> second = Handle.of(value)) {
            assertNotEquals(first.address(), second.address());
            assertSame(value, Handle.valueAt(first.address()));
            assertSame(value, Handle.valueAt(second.address()));
        }
    }

    @Test
    void equalButDistinctValuesKeepTheirIdentity() {
        String a = new String("same");
        String b = new String("same");
        try (Handle<String> ha = Handle.of(a); Handle<String> hb = Handle.of(b)) {
            assertSame(a, ha.value());
            assertSame(b, hb.value());
        }
    }

    @Test
    void addressesAreNeverZeroAndNeverNegative() {
        List<Handle<Integer>> handles = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            handles.add(Handle.of(i));
        }
        for (Handle<Integer> h : handles) {
            assertTrue(h.address() > 0, h.toString());
            h.close();
        }
    }

    @Test
    void pointerCarriesTheSameAddress() {
        try (Handle<String> h = Handle.of("via void*")) {
            Pointer p = h.pointer();
            assertEquals(h.address(), p.address());
            assertEquals("via void*", Handle.valueAt(p, String.class));
        }
    }

    @Test
    void closingThePointerDoesNotDeleteTheHandle() {
        try (Handle<String> h = Handle.of("still here")) {
            h.pointer().close();
            assertEquals("still here", h.value());
        }
    }

    @Test
    void valueAtWithTheRightTypeReturnsTheValue() {
        try (Handle<String> h = Handle.of("typed")) {
            String s = Handle.valueAt(h.address(), String.class);
            CharSequence cs = Handle.valueAt(h.address(), CharSequence.class);
            assertSame(h.value(), s);
            assertSame(s, cs);
        }
    }

    @Test
    void valueAtAnyTypeReturnsNullForANullValue() {
        try (Handle<String> h = Handle.of(null)) {
            assertNull(Handle.valueAt(h.address(), String.class));
        }
    }

    @Test
    void toStringShowsTheAddressInHex() {
        try (Handle<String> h = Handle.of("x")) {
            assertEquals(String.format("Handle[0x%016x]", h.address()), h.toString());
        }
    }

    @Test
    void closeDeletesTheHandle() {
        Handle<String> h = Handle.of("x");
        h.close();
        assertThrows(InvalidHandleException.class, h::value);
    }

    @Test
    void deleteByAddressDeletesTheHandle() {
        long address = Handle.of("freed by C").address();
        Handle.delete(address);
        assertThrows(InvalidHandleException.class, () -> Handle.valueAt(address));
    }

    @Test
    void deleteByPointerDeletesTheHandle() {
        Handle<String> h = Handle.of("freed by C through void*");
        Handle.delete(h.pointer());
        assertThrows(InvalidHandleException.class, h::value);
    }

    @Test
    void tryWithResourcesDeletesAtTheEndOfTheScope() {
        Handle<String> escaped;
        try (Handle<String> h = Handle.of("scoped")) {
            escaped = h;
            assertEquals(liveBefore + 1, Handle.live());
        }
        assertEquals(liveBefore, Handle.live());
        assertThrows(InvalidHandleException.class, escaped::value);
    }

    @Test
    void liveCountsHandlesCreatedAndNotYetDeleted() {
        List<Handle<Integer>> handles = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            handles.add(Handle.of(i));
            assertEquals(liveBefore + i, Handle.live());
        }
        for (int i = 99; i >= 0; i--) {
            handles.get(i).close();
            assertEquals(liveBefore + i, Handle.live());
        }
    }

    @Test
    void aFailedDeleteDoesNotChangeTheLiveCount() {
        Handle<String> h = Handle.of("x");
        h.close();
        assertThrows(InvalidHandleException.class, h::close);
        assertEquals(liveBefore, Handle.live());
    }

    @Test
    void liveTracesListEveryLiveHandle() {
        try (Handle<StringBuilder> h = Handle.of(new StringBuilder())) {
            String address = String.format("0x%016x", h.address());
            List<String> lines = Handle.liveTraces();
            assertEquals(1, lines.stream().filter(line -> line.startsWith(address)).count(), lines.toString());
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(address + " -> java.lang.StringBuilder")));
        }
    }

    @Test
    void handlesRecordTheirCreationStackOnlyWithTheTraceProperty() {
        assertEquals(Boolean.getBoolean("tunnel.handle.trace"), Handle.TRACE);
        try (Handle<String> h = Handle.of("maybe traced")) {
            String address = String.format("0x%016x", h.address());
            String line = Handle.liveTraces().stream().filter(l -> l.startsWith(address)).findFirst().orElseThrow();
            if (Handle.TRACE) {
                assertTrue(line.contains("HandleTest.handlesRecordTheirCreationStackOnlyWithTheTraceProperty("), line);
            } else {
                assertTrue(line.contains("creation stack not recorded: run with -Dtunnel.handle.trace=true"), line);
            }
        }
    }
}
