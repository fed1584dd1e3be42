package dev.tunnel.testlib;

import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.spi.Gateways;
import dev.tunnel.testlib.lib.tl_int64_fn;
import dev.tunnel.testlib.slots.SlotHog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gateways.require looks at the function pointer C would get, not at the object's address. */
class GatewaysRequireTest {
    @Test
    void aGeneratedGatewayHasAFunctionPointer() {
        assertNotEquals(0, Gateways.functionAddress(tl_int64_fn.GATEWAY));
    }

    @Test
    void theInstancePastTheLastTrampolineIsRefused() {
        List<SlotHog> hogs = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                hogs.add(Gateways.require(new SlotHog()));
            }
            SlotHog eleventh = new SlotHog();
            assertFalse(eleventh.isNull(), "JavaCPP sets the peer's address even without a trampoline");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Gateways.require(eleventh));
            assertTrue(e.getMessage().contains(SlotHog.class.getName()), e.getMessage());
            eleventh.close();
        } finally {
            hogs.forEach(SlotHog::close);
        }
    }
}
