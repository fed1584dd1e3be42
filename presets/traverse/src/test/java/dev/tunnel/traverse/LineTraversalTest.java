package dev.tunnel.traverse;

import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.spi.CString;
import dev.tunnel.spi.EventBatch;
import dev.tunnel.spi.EventBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines with their bytes ({@code traverse_file_lines}, {@code LineCallbackFn}): every line of a
 * file reaches the visitor exactly as its bytes are, whatever they hold and however long, in
 * order, from a file and from memory alike, one upcall per line and batched, in batches of
 * every size; the views are lent for the call only.
 */
class LineTraversalTest {
    @TempDir
    Path dir;

    /** Collects each line's bytes, copied, and checks the indexes run 0, 1, 2, ... */
    static final class Collect implements LineVisitor {
        final List<byte[]> lines = new ArrayList<>();

        @Override
        public void line(long index, CString bytes, long length) {
            assertEquals(lines.size(), index);
            lines.add(length == 0 ? new byte[0] : bytes.getBytes(length));
        }
    }

    /** {@link Collect} for batched delivery. */
    static final class CollectBatched implements LineBatchVisitor {
        final List<byte[]> lines = new ArrayList<>();

        @Override
        public void line(long index, EventBytes bytes, long length) {
            assertEquals(lines.size(), index);
            assertEquals(length, bytes.length());
            lines.add(bytes.getBytes());
        }
    }

    /** Batch sizes: the smallest (lines over 2 KiB lent, not copied), one a record's size off it, the default. */
    static final int[] BATCH_BYTES = {EventBatch.MIN_CAPACITY, EventBatch.MIN_CAPACITY + 40, EventBatch.DEFAULT_CAPACITY};

    /** The lines of {@code data} as grep sees them: split at '\n', a last line without one included. */
    static List<byte[]> expectedLines(byte[] data) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                lines.add(Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
        if (start < data.length) {
            lines.add(Arrays.copyOfRange(data, start, data.length));
        }
        return lines;
    }

    private void assertSameLines(byte[] data) throws IOException {
        Path file = Files.write(dir.resolve("data-" + data.length + ".bin"), data);
        Collect fromFile = new Collect();
        TraversalStats stats = Traversal.traverseLines(file, fromFile);
        Collect fromMemory = new Collect();
        Traversal.traverseLines(ByteBuffer.allocateDirect(Math.max(1, data.length)).put(data).flip(), fromMemory);
        List<byte[]> expected = expectedLines(data);
        assertEquals(expected.size(), fromFile.lines.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), fromFile.lines.get(i), "line " + i);
            assertArrayEquals(expected.get(i), fromMemory.lines.get(i), "line " + i + " from memory");
        }
        assertEquals(expected.size(), stats.lines());
        assertEquals(expected.size(), stats.endCalls());
        assertEquals(data.length, stats.bytes());
        for (int batchBytes : BATCH_BYTES) {
            CollectBatched batchedFile = new CollectBatched();
            TraversalStats batchedStats = Traversal.traverseLinesBatched(file, batchedFile, batchBytes);
            CollectBatched batchedMemory = new CollectBatched();
            Traversal.traverseLinesBatched(ByteBuffer.allocateDirect(Math.max(1, data.length)).put(data).flip(), batchedMemory, batchBytes);
            assertEquals(expected.size(), batchedFile.lines.size(), batchBytes + "-byte batches");
            assertEquals(expected.size(), batchedMemory.lines.size(), batchBytes + "-byte batches from memory");
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), batchedFile.lines.get(i), "line " + i + ", " + batchBytes + "-byte batches");
                assertArrayEquals(expected.get(i), batchedMemory.lines.get(i), "line " + i + ", " + batchBytes + "-byte batches from memory");
            }
            assertEquals(stats, batchedStats, "batched delivery changes nothing C counts");
        }
    }

    @Test
    void linesOfEveryLengthAroundTheBatchAndLendingBoundaries() throws IOException {
        // lengths 0..2100 straddle every position in the smallest batch, and cross its 2 KiB lending limit
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int length = 0; length <= 2100; length++) {
            for (int j = 0; j < length; j++) {
                data.write(j == length / 2 ? 0 : 'a' + (length + j) % 26);
            }
            data.write('\n');
        }
        assertSameLines(data.toByteArray());
    }

    @Test
    void crNulAndInvalidUtf8ArriveAsTheyAre() throws IOException {
        assertSameLines(new byte[] {'a', '\r', '\n', 0, 'b', 0, '\n', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n', '\n', 'z'});
    }

    @Test
    void emptyFilesBlankLinesAndALastNewline() throws IOException {
        assertSameLines(new byte[0]);
        assertSameLines(new byte[] {'\n'});
        assertSameLines(new byte[] {'\n', '\n', 'x', '\n'});
    }

    @Test
    void randomLinesOfEveryLengthUpToAMebibyteStraddlingReads() throws IOException {
        Random random = new Random(15);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int[] lengths = {0, 1, 65535, 65536, 65537, 131071, 1 << 20};
        for (int i = 0; i < 40; i++) {
            int length = i < lengths.length ? lengths[i] : random.nextInt(1 << (4 + random.nextInt(17)));
            byte[] line = new byte[length];
            random.nextBytes(line);
            for (int j = 0; j < line.length; j++) {
                if (line[j] == '\n') {
                    line[j] = 0; // embedded NULs, many of them
                }
            }
            data.writeBytes(line);
            data.write('\n');
        }
        data.writeBytes("no newline at the end".getBytes());
        assertSameLines(data.toByteArray());
    }

    @Test
    void aTenMebibyteLineArrivesWhole() throws IOException {
        byte[] data = new byte[(10 << 20) + 1];
        Arrays.fill(data, (byte) 'q');
        data[data.length - 1] = '\n';
        Path file = Files.write(dir.resolve("huge.txt"), data);
        long[] seen = new long[2];
        Traversal.traverseLines(file, (index, bytes, length) -> {
            seen[0]++;
            seen[1] = length;
            assertEquals('q', bytes.byteAt(length - 1));
        });
        assertEquals(1, seen[0]);
        assertEquals(10 << 20, seen[1]);
        long[] batched = new long[2];
        Traversal.traverseLinesBatched(file, (index, bytes, length) -> {
            batched[0]++;
            batched[1] = bytes.length();
            assertEquals('q', bytes.byteAt(bytes.length() - 1));
            assertEquals(0, bytes.indexOf(new byte[] {'q', 'q'}));
        });
        assertEquals(1, batched[0]);
        assertEquals(10 << 20, batched[1], "a line larger than the batch arrives whole, lent by C");
    }

    @Test
    void aBatchedViewKeptPastItsLineThrows() throws IOException {
        Path file = Files.writeString(dir.resolve("two-batched.txt"), "first\nsecond\n");
        AtomicReference<EventBytes> kept = new AtomicReference<>();
        Traversal.traverseLinesBatched(file, (index, bytes, length) -> {
            if (index == 0) {
                kept.set(bytes);
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get().getString());
        assertTrue(e.getMessage().contains("the bytes argument of a LineCallbackFn event"), e.getMessage());
    }

    @Test
    void whatABatchedVisitorThrowsStopsCAndIsRethrown() throws IOException {
        Path file = Files.writeString(dir.resolve("many-batched.txt"), "x\n".repeat(100_000));
        IOException thrown = new IOException("stop at 3");
        long[] calls = {0};
        IOException e = assertThrows(IOException.class, () -> Traversal.traverseLinesBatched(file, (index, bytes, length) -> {
            calls[0]++;
            if (index == 3) {
                throw sneaky(thrown);
            }
        }, EventBatch.MIN_CAPACITY));
        assertSame(thrown, e);
        assertEquals(4, calls[0], "no line after the failing one reaches Java");
    }

    @Test
    void aViewKeptPastItsLineThrows() throws IOException {
        Path file = Files.writeString(dir.resolve("two.txt"), "first\nsecond\n");
        AtomicReference<CString> kept = new AtomicReference<>();
        Traversal.traverseLines(file, (index, bytes, length) -> {
            if (index == 0) {
                kept.set(bytes);
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get().getString(5));
        assertTrue(e.getMessage().contains("bytes argument of a LineCallbackFn callback"), e.getMessage());
    }

    @Test
    void whatTheVisitorThrowsStopsCAndIsRethrown() throws IOException {
        Path file = Files.writeString(dir.resolve("many.txt"), "x\n".repeat(10_000));
        IOException thrown = new IOException("stop at 3");
        long[] calls = {0};
        IOException e = assertThrows(IOException.class, () -> Traversal.traverseLines(file, (index, bytes, length) -> {
            calls[0]++;
            if (index == 3) {
                throw sneaky(thrown);
            }
        }));
        assertSame(thrown, e);
        assertEquals(4, calls[0], "no line after the failing one reaches Java");
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> RuntimeException sneaky(Throwable t) throws X {
        throw (X) t;
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.txt");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Traversal.traverseLines(missing, (i, b, n) -> { }));
        assertEquals(missing.toString(), e.getFile());
    }

    @Test
    void aHeapBufferIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Traversal.traverseLines(ByteBuffer.allocate(4), (i, b, n) -> { }));
        assertTrue(e.getMessage().contains("direct"), e.getMessage());
    }
}
