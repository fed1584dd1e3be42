package dev.tunnel.traverse;

import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.Handle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Batched delivery: the same events, order, errors and exceptions as one upcall per event. */
class BatchedTraversalTest {
    /** The raw binding refuses a buffer whose layout is not the one the events call for: no write past it. */
    @Test
    void aBufferOfTheWrongLayoutIsRefusedBeforeCWritesToIt() {
        int[] flushes = {0};
        try (dev.tunnel.spi.BatchBuffer pairs = new dev.tunnel.spi.BatchBuffer(4, dev.tunnel.spi.BatchBuffer.PAIR_INTS);
             dev.tunnel.traverse.lib.TraverseControl control = new dev.tunnel.traverse.lib.TraverseControl();
             dev.tunnel.spi.CallbackScope<dev.tunnel.traverse.lib.tunnel_batch_flush_fn.Function> scope =
                     dev.tunnel.spi.CallbackScope.open(count -> flushes[0]++)) {
            dev.tunnel.traverse.global.traverse.traverse_control_init(control);
            // both events want (kind, a, b) records: 3 ints each would overrun a buffer sized for pairs
            assertEquals(dev.tunnel.traverse.global.traverse.TRAVERSE_EINVAL, dev.tunnel.traverse.global.traverse.traverse_events_batched(
                    100, 1, 1, pairs.pointer(), pairs.length(), dev.tunnel.spi.BatchBuffer.PAIR_INTS,
                    dev.tunnel.traverse.lib.tunnel_batch_flush_fn.GATEWAY, scope.pointer(), control));
            // a length of 0 (no room for a record) is refused too
            assertEquals(dev.tunnel.traverse.global.traverse.TRAVERSE_EINVAL, dev.tunnel.traverse.global.traverse.traverse_events_batched(
                    100, 0, 1, pairs.pointer(), 0, dev.tunnel.spi.BatchBuffer.PAIR_INTS,
                    dev.tunnel.traverse.lib.tunnel_batch_flush_fn.GATEWAY, scope.pointer(), control));
        }
        assertEquals(0, flushes[0]);
    }

    @TempDir
    Path dir;

    private Path lines(int count) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("x".repeat(i % 7)).append('\n');
        }
        return Files.writeString(dir.resolve("lines-" + count + ".txt"), text);
    }

    @ParameterizedTest(name = "{0} records per batch")
    @ValueSource(ints = {1, 2, 3, 7, 64, Traversal.DEFAULT_RECORDS_PER_BATCH})
    void deliversExactlyTheUnbatchedEventsInOrder(int recordsPerBatch) throws IOException {
        Path file = lines(1000);
        TraversalTest.Recorder unbatched = new TraversalTest.Recorder();
        TraversalTest.Recorder batched = new TraversalTest.Recorder();
        TraversalStats expected = Traversal.traverse(file, unbatched);
        assertEquals(expected, Traversal.traverseBatched(file, batched, recordsPerBatch));
        assertEquals(unbatched.events, batched.events);
        assertEquals(2000, batched.events.size());
    }

    /** Records start events only: batched, C writes (i, 0) pairs with the kind implied. */
    static final class StartRecorder implements Visitor {
        final List<String> events = new ArrayList<>();

        @Override
        public void start(int i) {
            events.add("start " + i);
        }
    }

    /** Records end events only: batched, C writes (a, b) pairs with the kind implied. */
    static final class EndRecorder implements Visitor {
        final List<String> events = new ArrayList<>();

        @Override
        public void end(int a, int b) {
            events.add("end " + a + " " + b);
        }
    }

    @ParameterizedTest(name = "{0} records per batch")
    @ValueSource(ints = {1, 2, 3, 7, 64, 255, 256, 257, 512, 999, 1000, Traversal.DEFAULT_RECORDS_PER_BATCH})
    void singleKindVisitorsGetTheUnbatchedEventsInOrder(int recordsPerBatch) throws IOException {
        Path file = lines(1000);
        StartRecorder starts = new StartRecorder();
        StartRecorder batchedStarts = new StartRecorder();
        assertEquals(Traversal.traverse(file, starts), Traversal.traverseBatched(file, batchedStarts, recordsPerBatch));
        assertEquals(starts.events, batchedStarts.events);
        assertEquals(1000, batchedStarts.events.size());

        EndRecorder ends = new EndRecorder();
        EndRecorder batchedEnds = new EndRecorder();
        assertEquals(Traversal.traverse(file, ends), Traversal.traverseBatched(file, batchedEnds, recordsPerBatch));
        assertEquals(ends.events, batchedEnds.events);
        assertEquals("end 999 " + 999 % 7, batchedEnds.events.get(999));
    }

    @Test
    void singleKindSyntheticEventsMatchTheUnbatchedPath() throws IOException {
        long lines = 5000; // 333 per batch: 15 full batches and a partial one
        EndRecorder ends = new EndRecorder();
        EndRecorder batchedEnds = new EndRecorder();
        assertEquals(Traversal.traverseSynthetic(lines, ends), Traversal.traverseSyntheticBatched(lines, batchedEnds, 333));
        assertEquals(ends.events, batchedEnds.events);
        StartRecorder starts = new StartRecorder();
        StartRecorder batchedStarts = new StartRecorder();
        assertEquals(Traversal.traverseSynthetic(lines, starts), Traversal.traverseSyntheticBatched(lines, batchedStarts, 333));
        assertEquals(starts.events, batchedStarts.events);
    }

    @Test
    void edgeCasesMatchTheUnbatchedPath() throws IOException {
        for (String content : List.of("", "\n", "a", "a\nb", "ab\r\ncd\r\n", "\n\n\n")) {
            Path file = Files.writeString(dir.resolve("edge.txt"), content);
            TraversalTest.Recorder unbatched = new TraversalTest.Recorder();
            TraversalTest.Recorder batched = new TraversalTest.Recorder();
            assertEquals(Traversal.traverse(file, unbatched), Traversal.traverseBatched(file, batched, 2), content);
            assertEquals(unbatched.events, batched.events, content);
        }
    }

    @Test
    void methodsNotOverriddenAreNullInC() throws IOException {
        Path file = lines(10);
        assertEquals(new TraversalStats(10, 34, 0, 0), Traversal.traverseBatched(file, new Visitor() { }));
        List<Integer> ends = new ArrayList<>();
        assertEquals(new TraversalStats(10, 34, 0, 10), Traversal.traverseBatched(file, Callbacks.NONE.withEnd((a, b) -> ends.add(a))));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ends);
    }

    @Test
    void directBufferBatchedMatchesUnbatched() throws IOException {
        ByteBuffer data = ByteBuffer.allocateDirect(64).put("one\ntwo\nthree".getBytes(StandardCharsets.US_ASCII)).flip();
        TraversalTest.Recorder unbatched = new TraversalTest.Recorder();
        TraversalTest.Recorder batched = new TraversalTest.Recorder();
        assertEquals(Traversal.traverse(data, unbatched), Traversal.traverseBatched(data, batched, 4));
        assertEquals(unbatched.events, batched.events);
    }

    @ParameterizedTest(name = "throwing at event {0} of 2000, 4 records per batch")
    @ValueSource(ints = {0, 5, 1000, 1999, -1})
    void theSameThrowableReachesTheCallerAndNothingRunsAfterIt(int at) throws IOException {
        Path file = lines(1000);
        long handles = Handle.live();
        java.util.Set<String> fds = OpenFiles.list();
        for (int r = 0; r < 1000; r++) {
            TraversalFailureTest.Thrower visitor = new TraversalFailureTest.Thrower(at < 0 ? n -> true : n -> n == at);
            IllegalStateException caught = assertThrows(IllegalStateException.class, () -> Traversal.traverseBatched(file, visitor, 4));
            assertSame(visitor.failure, caught);
            assertEquals(0, visitor.eventsAfterThrow, "an event reached the visitor after it threw");
            assertEquals(at < 0 ? 1 : at + 1, visitor.events.size());
        }
        assertEquals(handles, Handle.live(), "handle table back to its baseline");
        OpenFiles.assertNoneOpenedSince(fds);
    }

    @ParameterizedTest(name = "an end-only visitor throwing at event {0} of 1000, whole-file batches")
    @ValueSource(ints = {0, 255, 256, 300, 999})
    void aSingleKindVisitorThrowingMidChunkSeesNothingAfter(int at) throws IOException {
        Path file = lines(1000);
        List<Integer> seen = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("thrown at " + at);
        Visitor visitor = new Visitor() {
            @Override
            public void end(int a, int b) {
                seen.add(a);
                if (a == at) {
                    throw failure;
                }
            }
        };
        assertSame(failure, assertThrows(IllegalStateException.class,
                () -> Traversal.traverseBatched(file, visitor, Traversal.DEFAULT_RECORDS_PER_BATCH)));
        assertEquals(at + 1, seen.size(), "events after the throw reached the visitor");
        assertEquals(at, seen.get(at));
    }

    @Test
    void aThrowStopsCWithinOneBatch() throws IOException {
        Path file = lines(100_000);
        RuntimeException stop = new RuntimeException("stop");
        TraversalStats[] unused = new TraversalStats[1];
        assertSame(stop, assertThrows(RuntimeException.class, () -> unused[0] = Traversal.traverseBatched(file, new Visitor() {
            @Override
            public void start(int i) {
                throw stop;
            }
        }, 64)));
        // C filled one batch (64 records: 32 lines) before Java saw the first event; it must
        // not have gone on to the rest of the file. Observed through a visitor that counts.
        int[] seen = {0};
        RuntimeException stop2 = new RuntimeException("stop2");
        assertThrows(RuntimeException.class, () -> Traversal.traverseBatched(file, new Visitor() {
            @Override
            public void end(int a, int b) {
                if (++seen[0] == 10) {
                    throw stop2;
                }
            }
        }, 64));
        assertEquals(10, seen[0]);
    }

    @Test
    void theSyntheticSourceReportsTheSameEventsBatchedOrNot() throws IOException {
        TraversalTest.Recorder unbatched = new TraversalTest.Recorder();
        TraversalTest.Recorder batched = new TraversalTest.Recorder();
        TraversalStats stats = Traversal.traverseSynthetic(200, unbatched);
        long bytes = 0;
        for (int i = 0; i < 200; i++) {
            bytes += i % 64 + 1; // line i has length i % 64, plus its newline
        }
        assertEquals(new TraversalStats(200, bytes, 200, 200), stats);
        assertEquals(stats, Traversal.traverseSyntheticBatched(200, batched, 7));
        assertEquals(unbatched.events, batched.events);
        assertEquals(List.of("start 0", "end 0 0", "start 1", "end 1 1"), unbatched.events.subList(0, 4));
        assertEquals("end 199 " + (199 % 64), unbatched.events.get(399));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Traversal.traverseSynthetic(-1, unbatched));
        assertTrue(e.getMessage().contains("got -1"), e.getMessage());
    }

    @Test
    void fileErrorsAreTheSameExceptions() {
        Path missing = dir.resolve("missing.txt");
        assertEquals(missing.toString(), assertThrows(NoSuchFileException.class,
                () -> Traversal.traverseBatched(missing, new Visitor() { })).getFile());
        FileSystemException directory = assertThrows(FileSystemException.class, () -> Traversal.traverseBatched(dir, new Visitor() { }));
        assertTrue(directory.getMessage().contains("directory"), directory.getMessage());
    }

    @Test
    void invalidBatchSizesAreRejectedNamingTheValue() throws IOException {
        Path file = lines(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Traversal.traverseBatched(file, new Visitor() { }, 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Traversal.traverseBatched(file, new Visitor() { }, -5));
    }
}
