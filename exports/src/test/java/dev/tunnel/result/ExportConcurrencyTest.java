package dev.tunnel.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunnel.Handle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Many threads calling the exports at once: each gets its own Results, nothing leaks, no thread stays behind. */
class ExportConcurrencyTest {

    @Test
    void nativeThreadsTheJvmHasNeverSeenCallAtOnceAndLeaveNothingBehind() throws Exception {
        assertEquals(10, CResultLoops.cyclesOnThreads(1, 10)); // warm up: JavaCPP's Deallocator and the like started
        long live = Handle.live();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        assertEquals(8 * 20_000, CResultLoops.cyclesOnThreads(8, 20_000));
        assertEquals(live, Handle.live());
        // each thread was attached on its first call and detached when it ended, by JavaCPP on
        // the JNI path, by the upcall stub on the FFM path: no Java thread is left of them
        List<Thread> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isDaemon() && !t.getName().startsWith("ForkJoinPool"))
                    .collect(Collectors.toList());
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(List.of(), left, "native threads still attached to the JVM");
    }

    @Test
    void javaThreadsCallingCWhichCallsJavaAtOnceKeepTheirResultsApart() throws Exception {
        long live = Handle.live();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> work = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                work.add(() -> CResultLoops.cycles(50_000));
            }
            for (Future<Long> done : pool.invokeAll(work)) {
                assertEquals(50_000, done.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(live, Handle.live());
    }

    @Test
    void threadsSettingOneResultAtOnceNeverMixTheirValues() throws Exception {
        long result = CResultLibrary.CNewResult();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                short v = (short) t;
                work.add(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        CResultLibrary.CResultSet(result, v, v, v);
                        String text = CResultFunctionsTest.string(result);
                        // whichever thread set it last, its three values belong together
                        assertTrue(text.matches("1: (\\d), 2: \\1, 3: \\1"), text);
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        CResultLibrary.CFreeResult(result);
    }
}
