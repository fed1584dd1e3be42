package dev.tunnel.samples.techniques;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code some_c_func}: a C callback with no user_data, routed to the calling thread's Java function. */
class CLibraryTest {
    @Test
    void cCallsTheJavaFunctionWithTwo() {
        List<Integer> args = new ArrayList<>();
        CLibrary.someCFunc(in -> {
            args.add(in);
            return in + 1;
        });
        assertEquals(List.of(2), args);
    }

    @Test
    void theFunctionsExceptionReachesTheCallerAsTheSameInstance() {
        UncheckedIOException thrown = new UncheckedIOException(new IOException("disk on fire"));
        UncheckedIOException caught = assertThrows(UncheckedIOException.class, () -> CLibrary.someCFunc(in -> {
            throw thrown;
        }));
        assertSame(thrown, caught);
    }

    @Test
    void nestedCallsEachSeeTheirOwnFunction() {
        List<String> calls = new ArrayList<>();
        CLibrary.someCFunc(outer -> {
            calls.add("outer " + outer);
            CLibrary.someCFunc(inner -> {
                calls.add("inner " + inner);
                return 0;
            });
            calls.add("outer again");
            return outer;
        });
        assertEquals(List.of("outer 2", "inner 2", "outer again"), calls);
    }
}
