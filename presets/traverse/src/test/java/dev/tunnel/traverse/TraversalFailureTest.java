package dev.tunnel.traverse;

import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.Handle;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens when a callback throws: C stops at once, releases what it holds, and the caller
 * gets the very same Throwable; no callback runs after it; nothing leaks.
 */
class TraversalFailureTest {
    private static final int LINES = 10;
    private static final int EVENTS = 2 * LINES; // start and end for each line
    private static final int REPEATS = 10_000;

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void writeFile() throws IOException {
        file = Files.writeString(dir.resolve("ten.txt"), "line\n".repeat(LINES));
    }

    /** A visitor that numbers every event 0..EVENTS-1 and throws its exception at the chosen ones. */
    static final class Thrower implements Visitor {
        final IntPredicate throwAt;
        final RuntimeException failure = new IllegalStateException("thrown by a visitor");
        final List<Integer> events = new ArrayList<>();
        boolean thrown;
        int eventsAfterThrow;

        Thrower(IntPredicate throwAt) {
            this.throwAt = throwAt;
        }

        private void event() {
            if (thrown) {
                eventsAfterThrow++;
            }
            int n = events.size();
            events.add(n);
            if (throwAt.test(n)) {
                thrown = true;
                throw failure;
            }
        }

        @Override
        public void start(int i) {
            event();
        }

        @Override
        public void end(int a, int b) {
            event();
        }
    }

    @ParameterizedTest(name = "throwing at event {0} of " + EVENTS + ", " + REPEATS + " times")
    @ValueSource(ints = {0, EVENTS / 2, EVENTS - 1, -1})
    void theSameThrowableReachesTheCallerAndNothingRunsAfterIt(int at) throws IOException {
        IntPredicate throwAt = at < 0 ? n -> true : n -> n == at; // -1: at every event
        int expectedEvents = at < 0 ? 1 : at + 1;
        long handles = Handle.live();
        java.util.Set<String> fds = OpenFiles.list();
        for (int r = 0; r < REPEATS; r++) {
            Thrower visitor = new Thrower(throwAt);
            IllegalStateException caught = assertThrows(IllegalStateException.class, () -> Traversal.traverse(file, visitor));
            assertSame(visitor.failure, caught);
            assertEquals(0, caught.getSuppressed().length);
            assertEquals(0, visitor.eventsAfterThrow, "a callback ran after the throw");
            assertEquals(expectedEvents, visitor.events.size());
        }
        assertEquals(handles, Handle.live(), "handle table back to its baseline");
        OpenFiles.assertNoneOpenedSince(fds);
    }

    @Test
    void checkedExceptionsReachTheCallerUnwrapped() {
        IOException checked = new IOException("visitor could not write its report");
        IOException caught = assertThrows(IOException.class, () -> Traversal.traverse(file, new Visitor() {
            @Override
            public void end(int a, int b) {
                Sneaky.<RuntimeException>raise(checked); // as a Kotlin or Lombok visitor may
            }
        }));
        assertSame(checked, caught);
        assertEquals("visitor could not write its report", caught.getMessage());
    }

    @Test
    void errorsReachTheCallerToo() {
        AssertionError error = new AssertionError("visitor's own assertion");
        assertSame(error, assertThrows(AssertionError.class, () -> Traversal.traverse(file, new Visitor() {
            @Override
            public void start(int i) {
                throw error;
            }
        })));
    }

    @Test
    void causeAndStackAreIntact() {
        RuntimeException cause = new RuntimeException("root cause");
        RuntimeException thrown = new RuntimeException("wrapper", cause);
        StackTraceElement[] stack = thrown.getStackTrace().clone();
        RuntimeException caught = assertThrows(RuntimeException.class, () -> Traversal.traverse(file, new Visitor() {
            @Override
            public void start(int i) {
                throw thrown;
            }
        }));
        assertSame(cause, caught.getCause());
        assertArrayEquals(stack, caught.getStackTrace());
    }

    @Test
    void theNextTraversalWorksAfterAFailure() throws IOException {
        assertThrows(IllegalStateException.class, () -> Traversal.traverse(file, new Thrower(n -> true)));
        assertEquals(LINES, Traversal.traverse(file, new Visitor() { }).lines());
    }

    @Test
    void anExceptionOnTheFirstLineOfAOneGibFileStopsCInMilliseconds() throws IOException {
        Path big = dir.resolve("one-gib.bin");
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(1L << 30); // sparse: no disk used, but C would have to read 1 GiB
        }
        long fullStart = System.nanoTime();
        assertEquals(1L << 30, Traversal.traverse(big, Callbacks.NONE).bytes());
        long fullNanos = System.nanoTime() - fullStart;

        RuntimeException stop = new RuntimeException("stop");
        // the stopping path once before it is timed: its first run loads classes, which under
        // emulation (the linux-arm64 check runs this test under qemu) alone takes ~100 ms
        assertThrows(RuntimeException.class, () -> Traversal.traverse(file, new Thrower(n -> true)));
        long stoppedStart = System.nanoTime();
        assertSame(stop, assertThrows(RuntimeException.class, () -> Traversal.traverse(big, new Visitor() {
            @Override
            public void start(int i) {
                throw stop;
            }
        })));
        long stoppedNanos = System.nanoTime() - stoppedStart;
        assertTrue(stoppedNanos < 250_000_000L, "stopped traversal took " + stoppedNanos / 1_000_000 + " ms");
        assertTrue(stoppedNanos * 10 < fullNanos,
                "stopped " + stoppedNanos / 1000 + " us vs full read " + fullNanos / 1000 + " us: C did not stop early");
    }

    /** Throws a checked exception without declaring it, as other JVM languages do. */
    static final class Sneaky {
        @SuppressWarnings("unchecked")
        static <X extends Throwable> void raise(Throwable t) throws X {
            throw (X) t;
        }
    }
}
