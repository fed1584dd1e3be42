package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tunnel.Handle;
import dev.tunnel.InvalidHandleException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults and soak: misuse and hostile input end in a clear exception, never a crash, a leak or
 * a wrong answer; long runs keep memory flat.
 */
class ReliabilityTest {
    @TempDir
    Path dir;

    @Test
    void aMillionForgedAddressesAreRejectedOnLookupAndDelete() {
        List<Handle<String>> real = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            real.add(Handle.of("value " + i)); // live handles for forgeries to land near
        }
        long live = Handle.live();
        SplittableRandom random = new SplittableRandom(20261121);
        for (int i = 0; i < 1_000_000; i++) {
            long forged = random.nextLong();
            InvalidHandleException lookup = assertThrows(InvalidHandleException.class, () -> Handle.valueAt(forged));
            assertEquals(forged, lookup.address());
            assertThrows(InvalidHandleException.class, () -> Handle.delete(forged));
        }
        assertEquals(live, Handle.live());
        for (int i = 0; i < real.size(); i++) {
            assertEquals("value " + i, real.get(i).value(), "no real handle was touched");
            real.get(i).close();
        }
    }

    @Test
    void everyKindOfBadInputEndsInACountOrAClearErrorAndLeavesNoDescriptor() throws Exception {
        Set<String> fds = OpenFiles.list();
        Visitor none = new Visitor() { };
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Traversal.traverse(dir.resolve("missing"), none));
        assertThrows(FileSystemException.class, () -> Traversal.traverse(dir, none));
        assertEquals(0, Traversal.traverse(Files.write(dir.resolve("empty"), new byte[0]), none).lines());
        assertEquals(3, Traversal.traverse(Files.write(dir.resolve("binary"), new byte[] {0, '\n', 0, 0, '\n', (byte) 0xFF}), none).lines());
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertThrows(FileSystemException.class, () -> Traversal.traverse(fifo, none));
        for (long size : new long[] {(1L << 31) + 1, (1L << 32) + 1}) {
            Path sparse = dir.resolve("sparse-" + size);
            try (RandomAccessFile raf = new RandomAccessFile(sparse.toFile(), "rw")) {
                raf.setLength(size); // one line longer than an int can report
            }
            FileSystemException e = assertThrows(FileSystemException.class, () -> Traversal.traverse(sparse, none));
            assertEquals(sparse.toString(), e.getFile());
            Files.delete(sparse);
        }
        OpenFiles.assertNoneOpenedSince(fds);
    }

    @Test
    void aFileTruncatedWhileBeingReadEndsCleanlyWithTheLinesReadSoFar() throws Exception {
        Path file = Files.writeString(dir.resolve("shrinking.txt"), "0123456789abcde\n".repeat(200_000)); // 3.2 MB
        Set<String> fds = OpenFiles.list();
        long lines;
        try (FileChannel truncator = FileChannel.open(file, StandardOpenOption.WRITE)) {
            lines = Traversal.traverse(file, new Visitor() {
                @Override
                public void end(int a, int b) {
                    if (a == 10) {
                        try {
                            truncator.truncate(0); // C's next read() returns end of file
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
            }).lines();
        }
        assertTrue(lines > 10 && lines < 200_000, "lines read before the truncation took effect: " + lines);
        OpenFiles.assertNoneOpenedSince(fds);
    }

    @Test
    void tenMillionCallbacksOnOneNeverReturningNativeThreadKeepMemoryFlat() throws Exception {
        // a child JVM whose heap cannot resize: resident memory there moves only for native reasons
        ChildJvm.Result child = ChildJvm.run(PumpSoak.class, List.of("-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch"), "10000000");
        assertEquals(0, child.exit(), child.output());
        assertFalse(child.output().contains("WARNING"), child.output()); // -Xcheck:jni's, when CI sets it
        long warm = Long.parseLong(child.line("warm ").substring(5));
        long end = Long.parseLong(child.line("end ").substring(4));
        long grown = end - warm;
        System.out.printf("soak: resident memory %+d KiB from 1,000,000 to 10,000,000 callbacks%n", grown >> 10);
        assertTrue(Math.abs(grown) < 16L << 20, "resident memory changed by " + (grown >> 10) + " KiB over 9 million callbacks");
        String[] counts = child.line("callbacks made ").split(" ");
        assertEquals(counts[2], counts[4], "every callback C made reached Java, once");
        assertTrue(Long.parseLong(counts[2]) >= 10_000_000L, child.line("callbacks made "));
    }

    @Test
    void aStackOverflowInACallbackReachesTheCallerAndTheNextTraversalWorks() throws IOException {
        Path file = Files.writeString(dir.resolve("two.txt"), "a\nb\n");
        StackOverflowError e = assertThrows(StackOverflowError.class, () -> Traversal.traverse(file, new Visitor() {
            @Override
            public void start(int i) {
                recurse(1);
            }

            private int recurse(int depth) {
                return recurse(depth + 1) + 1;
            }
        }));
        assertNotNull(e);
        assertEquals(2, Traversal.traverse(file, new Visitor() { }).lines());
    }

    @Test
    void anOutOfMemoryErrorInACallbackReachesTheCallerAndTheNextTraversalWorks() throws IOException {
        Path file = Files.writeString(dir.resolve("two.txt"), "a\nb\n");
        List<long[]> hoard = new ArrayList<>();
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> Traversal.traverse(file, new Visitor() {
            @Override
            public void end(int a, int b) {
                while (true) {
                    hoard.add(new long[16 << 20]); // 128 MiB at a time until the heap is full
                }
            }
        }));
        hoard.clear();
        assertNotNull(e.getMessage());
        assertEquals(2, Traversal.traverse(file, new Visitor() { }).lines());
    }

    @Test
    void systemExitWhile64NativeThreadsAreMidCallbackExitsWithinFiveSeconds() throws Exception {
        Path file = Files.writeString(dir.resolve("many.txt"), "line\n".repeat(1_000_000));
        ChildJvm.Result child = ChildJvm.run(ExitWhileCallingBack.class, List.of(), file.toString());
        assertEquals(0, child.exit(), child.output());
        String exitLine = child.line("exit after ");
        long millis = Long.parseLong(exitLine.replaceAll("\\D+", ""));
        System.out.println("exit with 64 native threads in callbacks: " + exitLine);
        assertTrue(millis < 5000, exitLine);
        assertFalse(child.output().contains("hs_err") || child.output().contains("fatal error"), child.output());
    }
}
