package dev.tunnel.traverse;

import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.Handle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No limit on live callbacks or concurrent traversals: every visitor sees exactly its own
 * file's events, far past JavaCPP's 10 native slots per callback class.
 */
class TraversalConcurrencyTest {
    private static final int FILES = 16;

    @TempDir
    Path dir;
    final List<Path> files = new ArrayList<>();

    @BeforeEach
    void writeFiles() throws IOException {
        for (int f = 0; f < FILES; f++) {
            // file f has f+1 lines, each "f" repeated f+1 times: counts and lengths identify it
            String line = String.valueOf((char) ('a' + f)).repeat(f + 1) + "\n";
            files.add(Files.writeString(dir.resolve("file-" + f + ".txt"), line.repeat(f + 1)));
        }
    }

    /** Checks it sees file {@code f}'s events, in order, and nothing else. */
    static final class OwnFileVisitor implements Visitor {
        final int f;
        int nextStart;
        int ends;
        String error;

        OwnFileVisitor(int f) {
            this.f = f;
        }

        @Override
        public void start(int i) {
            if (i != nextStart++ && error == null) {
                error = "visitor " + f + ": start " + i;
            }
        }

        @Override
        public void end(int a, int b) {
            if ((a != ends++ || b != f + 1) && error == null) {
                error = "visitor " + f + ": end " + a + " " + b;
            }
        }

        void check(TraversalStats stats) {
            assertNull(error);
            assertEquals(f + 1, stats.lines());
            assertEquals(f + 1, nextStart);
            assertEquals(f + 1, ends);
        }
    }

    @Test
    void oneHundredThousandDistinctVisitorsAliveAtOnce() throws Exception {
        int count = 100_000;
        List<OwnFileVisitor> visitors = new ArrayList<>(count);
        List<Handle<OwnFileVisitor>> held = new ArrayList<>(count);
        for (int v = 0; v < count; v++) {
            OwnFileVisitor visitor = new OwnFileVisitor(v % FILES);
            visitors.add(visitor);
            held.add(Handle.of(visitor)); // all alive and addressable from C at the same time
        }
        long live = Handle.live();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                results.add(pool.submit(() -> {
                    for (int v = first; v < count; v += 4) {
                        OwnFileVisitor visitor = visitors.get(v);
                        visitor.check(Traversal.traverse(files.get(visitor.f), visitor));
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(live, Handle.live(), "each traversal deleted its own handle");
        for (int v = 0; v < count; v++) {
            assertSame(visitors.get(v), Handle.valueAt(held.get(v).address()));
            held.get(v).close();
        }
    }

    @Test
    void tenThousandConcurrentTraversalsFromAThreadPool() throws Exception {
        int traversals = 10_000;
        long handles = Handle.live();
        java.util.Set<String> fds = OpenFiles.list();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> results = new ArrayList<>(traversals);
            for (int n = 0; n < traversals; n++) {
                OwnFileVisitor visitor = new OwnFileVisitor(n % FILES);
                results.add(pool.submit(() -> {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        visitor.check(Traversal.traverse(files.get(visitor.f), visitor));
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(maxInFlight.get() > 10, "more traversals in flight than JavaCPP has slots: " + maxInFlight.get());
        assertEquals(handles, Handle.live());
        OpenFiles.assertNoneOpenedSince(fds);
    }

    @Test
    void aCallbackMayStartANestedTraversal() throws IOException {
        List<String> seen = new ArrayList<>();
        Traversal.traverse(files.get(1), new Visitor() {
            @Override
            public void start(int i) {
                seen.add("outer " + i);
                try {
                    seen.add("inner lines " + Traversal.traverse(files.get(2), new Visitor() { }).lines());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        assertEquals(List.of("outer 0", "inner lines 3", "outer 1", "inner lines 3"), seen);
    }
}
