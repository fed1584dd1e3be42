package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.tn_pump_start;
import static dev.tunnel.traverse.global.traverse.tn_pump_stop;

import dev.tunnel.spi.CallbackScope;
import dev.tunnel.traverse.lib.StartCallbackFn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child JVM for {@link ReliabilityTest}: one native thread that never returns calls back
 * {@code args[0]} times; prints the resident memory after 1,000,000 callbacks ({@code warm}) and
 * at the end ({@code end}), then how many callbacks C made and Java saw. Run with a fixed,
 * pre-touched heap so that resident memory moves only for native reasons.
 */
public final class PumpSoak {
    public static void main(String[] args) throws Exception {
        long total = Long.parseLong(args[0]);
        AtomicLong seen = new AtomicLong();
        Visitor counter = new Visitor() {
            @Override
            public void start(int i) {
                seen.lazySet(seen.get() + 1); // one writer: the pump thread
            }
        };
        try (CallbackScope<Visitor> scope = CallbackScope.open(counter, () -> { })) {
            if (tn_pump_start(StartCallbackFn.GATEWAY, scope.pointer()) != 0) {
                throw new IllegalStateException("tn_pump_start failed");
            }
            waitFor(seen, 1_000_000);
            System.out.println("warm " + residentBytes());
            waitFor(seen, total);
            System.out.println("end " + residentBytes());
            long made = tn_pump_stop();
            System.out.println("callbacks made " + made + " seen " + seen.get());
        }
    }

    private static void waitFor(AtomicLong seen, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (seen.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen.get() + " callbacks after 120 s");
            }
            Thread.sleep(5);
        }
    }

    private static long residentBytes() throws Exception {
        String[] statm = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
        return Long.parseLong(statm[1]) * 4096;
    }
}
