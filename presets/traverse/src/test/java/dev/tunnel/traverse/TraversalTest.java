package dev.tunnel.traverse;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The traversal of real files through libtraverse, with Visitors and struct-of-functions callbacks. */
class TraversalTest {
    @TempDir
    Path dir;

    /** Records every event as text, in order. */
    static final class Recorder implements Visitor {
        final List<String> events = new ArrayList<>();

        @Override
        public void start(int i) {
            events.add("start " + i);
        }

        @Override
        public void end(int a, int b) {
            events.add("end " + a + " " + b);
        }
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reportsStartThenEndForEveryLineInOrder() throws IOException {
        Recorder recorder = new Recorder();
        TraversalStats stats = Traversal.traverse(file("two.txt", "hello\nworld!\n"), recorder);
        assertEquals(List.of("start 0", "end 0 5", "start 1", "end 1 6"), recorder.events);
        assertEquals(new TraversalStats(2, 13, 2, 2), stats);
    }

    @Test
    void emptyFileHasNoLines() throws IOException {
        Recorder recorder = new Recorder();
        assertEquals(0, Traversal.traverse(file("empty.txt", ""), recorder).lines());
        assertEquals(List.of(), recorder.events);
    }

    @Test
    void lastLineWithoutNewlineCounts() throws IOException {
        Recorder recorder = new Recorder();
        assertEquals(2, Traversal.traverse(file("no-newline.txt", "a\nbc"), recorder).lines());
        assertEquals(List.of("start 0", "end 0 1", "start 1", "end 1 2"), recorder.events);
    }

    @Test
    void emptyLinesAreLinesOfLengthZero() throws IOException {
        Recorder recorder = new Recorder();
        assertEquals(3, Traversal.traverse(file("blank.txt", "\n\nx\n"), recorder).lines());
        assertEquals(List.of("start 0", "end 0 0", "start 1", "end 1 0", "start 2", "end 2 1"), recorder.events);
    }

    @Test
    void carriageReturnCountsAsAByteOfItsLine() throws IOException {
        Recorder recorder = new Recorder();
        assertEquals(2, Traversal.traverse(file("crlf.txt", "ab\r\ncd\r\n"), recorder).lines());
        assertEquals(List.of("start 0", "end 0 3", "start 1", "end 1 3"), recorder.events);
    }

    @Test
    void lineLongerThanTheReadBufferIsOneLineWithItsFullLength() throws IOException {
        int longLength = 3 * dev.tunnel.traverse.global.traverse.TRAVERSE_READ_BUFFER_SIZE + 17;
        byte[] content = new byte[longLength + 1 + 2];
        java.util.Arrays.fill(content, (byte) 'x');
        content[longLength] = '\n';
        content[longLength + 2] = '\n'; // then "x\n"
        Recorder recorder = new Recorder();
        assertEquals(2, Traversal.traverse(file("long.txt", content), recorder).lines());
        assertEquals(List.of("start 0", "end 0 " + longLength, "start 1", "end 1 1"), recorder.events);
    }

    @Test
    void bytesAfterNulAreStillCounted() throws IOException {
        Recorder recorder = new Recorder();
        Traversal.traverse(file("nul.bin", new byte[] {'a', 0, 'b', '\n', 0}), recorder);
        assertEquals(List.of("start 0", "end 0 3", "start 1", "end 1 1"), recorder.events);
    }

    @Test
    void missingFileThrowsNoSuchFileExceptionNamingIt() {
        Path missing = dir.resolve("missing.txt");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Traversal.traverse(missing, new Recorder()));
        assertEquals(missing.toString(), e.getFile());
    }

    @Test
    void directoryThrowsFileSystemExceptionNamingIt() {
        FileSystemException e = assertThrows(FileSystemException.class, () -> Traversal.traverse(dir, new Recorder()));
        assertEquals(dir.toString(), e.getFile());
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void fifoIsRejectedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        FileSystemException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> assertThrows(FileSystemException.class, () -> Traversal.traverse(fifo, new Recorder())));
        assertEquals(fifo.toString(), e.getFile());
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void unreadableFileThrowsAccessDeniedException() throws IOException {
        Path secret = file("secret.txt", "x\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(secret)) {
            // root reads anything: the OS never refuses, so there is no refusal to observe here
            System.err.println("TraversalTest.unreadableFileThrowsAccessDeniedException: skipped, running as a user that ignores file permissions (root)");
            org.junit.jupiter.api.Assumptions.abort("file permissions are not enforced for this user (root)");
        }
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> Traversal.traverse(secret, new Recorder()));
        assertEquals(secret.toString(), e.getFile());
    }

    @Test
    void lineLongerThanAnIntIsAnOverflowErrorNotAWrappedLength() throws IOException {
        Path sparse = dir.resolve("sparse-2g.bin");
        try (RandomAccessFile raf = new RandomAccessFile(sparse.toFile(), "rw")) {
            raf.setLength((1L << 31) + 1); // one line of 2^31+1 zero bytes, no disk used
        }
        List<Integer> lengths = new ArrayList<>();
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> Traversal.traverse(sparse, Callbacks.NONE.withEnd((a, b) -> lengths.add(b))));
        assertEquals(sparse.toString(), e.getFile());
        assertTrue(e.getMessage().contains(String.valueOf(Integer.MAX_VALUE)), e.getMessage());
        assertEquals(List.of(), lengths, "no wrapped length may reach Java");
    }

    @Test
    void callbacksFormCallsOnlyTheFunctionsGivenAndCGetsNullForTheOthers() throws IOException {
        Path path = file("three.txt", "a\nbb\nccc\n");
        List<Integer> lengths = new ArrayList<>();
        TraversalStats endOnly = Traversal.traverse(path, Callbacks.NONE.withEnd((a, b) -> lengths.add(b)));
        assertEquals(List.of(1, 2, 3), lengths);
        assertEquals(new TraversalStats(3, 9, 0, 3), endOnly);

        List<Integer> starts = new ArrayList<>();
        assertEquals(new TraversalStats(3, 9, 3, 0), Traversal.traverse(path, Callbacks.NONE.withStart(starts::add)));
        assertEquals(List.of(0, 1, 2), starts);

        assertEquals(new TraversalStats(3, 9, 0, 0), Traversal.traverse(path, Callbacks.NONE));
    }

    @Test
    void visitorMethodsNotOverriddenAreNullInC() throws IOException {
        Path path = file("three.txt", "a\nbb\nccc\n");
        assertEquals(new TraversalStats(3, 9, 0, 0), Traversal.traverse(path, new Visitor() { }));
        assertEquals(new TraversalStats(3, 9, 3, 0), Traversal.traverse(path, new Visitor() {
            @Override
            public void start(int i) {
            }
        }));
        assertEquals(new TraversalStats(3, 9, 0, 3), Traversal.traverse(path, new Visitor() {
            @Override
            public void end(int a, int b) {
            }
        }));
    }

    @Test
    void directBufferIsTraversedInPlaceBetweenPositionAndLimit() throws IOException {
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocateDirect(32);
        data.put("skip\nab\ncde".getBytes(StandardCharsets.US_ASCII)).flip().position(5);
        Recorder recorder = new Recorder();
        assertEquals(new TraversalStats(2, 6, 2, 2), Traversal.traverse(data, recorder));
        assertEquals(List.of("start 0", "end 0 2", "start 1", "end 1 3"), recorder.events);
        assertEquals(5, data.position(), "position unchanged");
    }

    @Test
    void heapBufferIsRefusedBecauseCCannotReadItInPlace() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Traversal.traverse(java.nio.ByteBuffer.allocate(4), new Recorder()));
        assertTrue(e.getMessage().contains("direct"), e.getMessage());
    }

    @Test
    void nullArgumentsAreRejectedWithTheirName() {
        NullPointerException visitor = assertThrows(NullPointerException.class, () -> Traversal.traverse(dir, (Visitor) null));
        assertEquals("visitor", visitor.getMessage());
        NullPointerException file = assertThrows(NullPointerException.class, () -> Traversal.traverse((Path) null, new Recorder()));
        assertEquals("file", file.getMessage());
    }
}
