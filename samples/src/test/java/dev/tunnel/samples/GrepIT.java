package dev.tunnel.samples;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code grep} sample against GNU grep itself, {@code LC_ALL=C grep -naF -- STRING FILE}, on
 * the same files and strings: stdout byte for byte, and the exit status. The files hold what
 * trips line-oriented tools: {@code '\r'}, NUL, bytes that are not UTF-8, blank lines, no last
 * newline, lines longer than C's read buffer and than the batch; one upcall per line and batched.
 */
class GrepIT {
    @TempDir
    Path dir;

    record Result(int exit, byte[] out, String err) {
    }

    private Result run(List<String> command, String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not exit");
        return new Result(process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    private Result sample(String string, Path file) throws IOException, InterruptedException {
        return run(SamplesIT.command(List.of(), "grep", string, file.toString()), "sample");
    }

    private Result sampleBatched(String string, Path file) throws IOException, InterruptedException {
        return run(SamplesIT.command(List.of(), "grep", "--batched", string, file.toString()), "sample-batched");
    }

    private Result gnuGrep(String string, Path file) throws IOException, InterruptedException {
        return run(List.of("grep", "-naF", "--", string, file.toString()), "grep");
    }

    private void assertSameAsGrep(String string, Path file) throws IOException, InterruptedException {
        Result expected = gnuGrep(string, file);
        for (Result got : List.of(sample(string, file), sampleBatched(string, file))) {
            assertEquals(expected.exit(), got.exit(), "exit status for '" + string + "' in " + file + "; stderr: " + got.err());
            assertArrayEquals(expected.out(), got.out(), "stdout for '" + string + "' in " + file);
            assertEquals("", got.err(), "stderr for '" + string + "'");
        }
    }

    /** Lines that trip line-oriented tools, with the strings searched in them. */
    private Path awkwardFile() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("plain line\r\n".getBytes(StandardCharsets.US_ASCII));
        data.writeBytes(new byte[] {'n', 'u', 0, 'l', ' ', 'l', 'i', 'n', 'e', '\n'});
        data.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, ' ', 'b', 'a', 'd', ' ', (byte) 0xFF, '\n'});
        data.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
        data.writeBytes("h\u00e9llo w\u00f6rld\n".getBytes(StandardCharsets.UTF_8));
        byte[] longLine = new byte[200_000]; // three of C's read buffers
        Arrays.fill(longLine, (byte) 'x');
        longLine[150_000] = 'N';
        longLine[150_001] = 'E';
        longLine[150_002] = 'E';
        data.writeBytes(longLine);
        data.write('\n');
        data.writeBytes("last line, no newline".getBytes(StandardCharsets.US_ASCII));
        return Files.write(dir.resolve("awkward.txt"), data.toByteArray());
    }

    @Test
    void printsWhatGnuGrepPrintsOnAwkwardLines() throws Exception {
        Path file = awkwardFile();
        for (String string : List.of("line", "l", "\r", "NEE", "xN", "last", "newline", "h\u00e9llo", "bad", "", "nope",
                "a line longer than every line of the file, so that it cannot match anywhere at all", "line\nbad", "zz\n")) {
            assertSameAsGrep(string, file);
        }
    }

    @Test
    void printsWhatGnuGrepPrintsOnRandomText() throws Exception {
        Random random = new Random(2026);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(i % 1000 == 0 ? 100_000 : 80);
            for (int j = 0; j < length; j++) {
                data.write("abc \r\0\u00ff".charAt(random.nextInt(7)));
            }
            data.write('\n');
        }
        Path file = Files.write(dir.resolve("random.txt"), data.toByteArray());
        for (String string : List.of("abc", "cab", "a c", "bbbb", "c\r")) {
            assertSameAsGrep(string, file);
        }
    }

    @Test
    void emptyFilesMatchNothing() throws Exception {
        assertSameAsGrep("", Files.write(dir.resolve("empty.txt"), new byte[0]));
        assertSameAsGrep("x", Files.write(dir.resolve("newline.txt"), new byte[] {'\n'}));
        assertSameAsGrep("", Files.write(dir.resolve("newline2.txt"), new byte[] {'\n'}));
    }

    @Test
    void aMissingFileOrADirectoryIsExitStatusTwoWithItsName() throws Exception {
        for (Map.Entry<Path, String> bad : Map.of(dir.resolve("missing.txt"), "No such file or directory",
                dir, "directory").entrySet()) {
            for (Result got : List.of(sample("x", bad.getKey()), sampleBatched("x", bad.getKey()))) {
                assertEquals(2, got.exit());
                assertEquals(gnuGrep("x", bad.getKey()).exit(), got.exit());
                assertEquals(0, got.out().length);
                assertTrue(got.err().startsWith("grep: " + bad.getKey() + ": ") && got.err().contains(bad.getValue()), got.err());
            }
        }
    }

    @Test
    void wrongArgumentsAreAUsageError() throws Exception {
        Result usage = run(SamplesIT.command(List.of(), "grep", "x"), "usage");
        assertEquals(2, usage.exit());
        assertTrue(usage.err().contains("usage: java -jar tunnel-samples.jar grep [--batched] STRING FILE"), usage.err());
        Result batchedUsage = run(SamplesIT.command(List.of(), "grep", "--batched", "x"), "usage-batched");
        assertEquals(2, batchedUsage.exit());
    }
}
