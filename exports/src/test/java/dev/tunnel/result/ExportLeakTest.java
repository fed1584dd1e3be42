package dev.tunnel.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tunnel.Handle;
import org.junit.jupiter.api.Test;

/** C calling the exports in a loop leaves nothing behind in Java's handle table. */
class ExportLeakTest {

    @Test
    void aMillionCyclesFromCLeaveTheHandleTableAsItWas() {
        long before = Handle.live();
        // 1,000,000 × (CNewResult, CResultSet, CResultString, free, CFreeResult), all from C
        assertEquals(1_000_000, CResultLoops.cycles(1_000_000));
        assertEquals(before, Handle.live());
    }

    @Test
    void aMillionCallsOnOneResultFromCAllSucceed() {
        long result = CResultLibrary.CNewResult();
        long live = Handle.live();
        assertEquals(0, CResultLoops.setLoop(result, 1_000_000));
        assertEquals(live, Handle.live());
        assertEquals("1: 1, 2: 999999, 3: 3", CResultFunctionsTest.string(result));
        CResultLibrary.CFreeResult(result);
    }
}
