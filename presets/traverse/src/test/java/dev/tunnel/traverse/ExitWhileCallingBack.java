package dev.tunnel.traverse;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for {@link ReliabilityTest}: starts 64 traversals on native threads, waits until
 * all 64 are inside a callback, then calls {@code System.exit(0)} while they keep calling
 * back. A shutdown hook prints how long the exit took; the parent checks the process ended.
 */
public final class ExitWhileCallingBack {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        CountDownLatch allInCallbacks = new CountDownLatch(64);
        AsyncTraversals traversals = new AsyncTraversals(64, 64);
        for (int t = 0; t < 64; t++) {
            boolean[] counted = {false};
            traversals.traverse(file, new Visitor() {
                @Override
                public void start(int i) {
                    if (!counted[0]) {
                        counted[0] = true;
                        allInCallbacks.countDown();
                    }
                    Thread.onSpinWait();
                }
            });
        }
        if (!allInCallbacks.await(30, TimeUnit.SECONDS)) {
            System.out.println("only " + (64 - allInCallbacks.getCount()) + " native threads called back");
            System.exit(3);
        }
        long start = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.println("exit after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms")));
        System.exit(0);
    }
}
