package dev.tunnel.benchmarks;

import dev.tunnel.traverse.Traversal;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code grep} workload: every line of a large text file that contains a fixed string,
 * printed as {@code N:line}, by Tunnel (C reads and splits the file with
 * {@code traverse_file_lines}, Java matches, one upcall per line, or batched, matching in place
 * in the batch) and by GNU grep itself
 * ({@code LC_ALL=C grep -naF}, as a process), both writing to a file, in the same run. What
 * each wrote must be byte for byte what GNU grep wrote when the trial began, checked after every
 * trial. Scores are ms per pass over the file; divide by its size for time per byte.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar GrepBenchmark            # 1 GiB, written once to java.io.tmpdir
 * java -jar benchmarks/target/benchmarks.jar GrepBenchmark -p sizeMiB=16
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class GrepBenchmark {
    /** What both search for: two words in a row, on about 1 % of the lines. */
    static final String PATTERN = "disk timeout";
    private static final List<String> WORDS = List.of("alpha", "beta", "gamma", "delta", "error", "warning", "info", "debug",
            "disk", "full", "net", "timeout", "user", "login", "fail", "ok");

    @Param("1024")
    public int sizeMiB;

    Path file;
    /** GNU grep's output, written once per trial before it is measured. */
    Path expected;
    /** What the case being measured writes. */
    Path out;

    @Setup(Level.Trial)
    public void writeFile() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        file = dir.resolve("tunnel-grep-" + sizeMiB + "MiB.txt");
        long size = (long) sizeMiB << 20;
        if (!Files.isRegularFile(file) || Files.size(file) < size) {
            // the same bytes every time: a fixed seed and word list
            Random random = new Random(15);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                StringBuilder line = new StringBuilder();
                for (long written = 0; written < size; ) {
                    line.setLength(0);
                    for (int w = random.nextInt(13); w > 0; w--) {
                        line.append(WORDS.get(random.nextInt(WORDS.size()))).append(w > 1 ? " " : "");
                    }
                    byte[] bytes = line.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
                    out.write(bytes);
                    written += bytes.length;
                }
            }
        }
        expected = Files.createTempFile("gnu-grep", ".expected");
        out = Files.createTempFile("grep-benchmark", ".out");
        grep(expected);
    }

    @TearDown(Level.Trial)
    public void check() throws IOException {
        long mismatch = Files.mismatch(out, expected);
        long size = Files.size(expected);
        Files.delete(out);
        Files.delete(expected);
        if (mismatch != -1 || size == 0) {
            throw new IllegalStateException("the output differs from GNU grep's at byte " + mismatch + " of " + size);
        }
    }

    /** One upcall per line; the match and the printing as the {@code grep} sample does them. */
    @Benchmark
    public long tunnelPerEvent() throws IOException {
        byte[] pattern = PATTERN.getBytes(StandardCharsets.US_ASCII);
        long[] matched = {0};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(this.out), 1 << 16)) {
            Traversal.traverseLines(file, (index, bytes, length) -> {
                byte[] line = length == 0 ? new byte[0] : bytes.getBytes(length);
                if (indexOf(line, pattern) >= 0) {
                    matched[0]++;
                    print(out, index, line, line.length);
                }
            });
        }
        return matched[0];
    }

    /** Batched: the match in place in the batch ({@code EventBytes.indexOf}), a copy only of the lines printed. */
    @Benchmark
    public long tunnelBatched() throws IOException {
        byte[] pattern = PATTERN.getBytes(StandardCharsets.US_ASCII);
        long[] matched = {0};
        byte[][] line = {new byte[256]};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(this.out), 1 << 16)) {
            Traversal.traverseLinesBatched(file, (index, bytes, length) -> {
                if (bytes.indexOf(pattern) >= 0) {
                    matched[0]++;
                    int n = bytes.length();
                    if (n > line[0].length) {
                        line[0] = new byte[n];
                    }
                    bytes.copyTo(line[0], 0);
                    print(out, index, line[0], n);
                }
            });
        }
        return matched[0];
    }

    @Benchmark
    public int gnuGrep() throws IOException, InterruptedException {
        return grep(out);
    }

    private int grep(Path output) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("grep", "-naF", "--", PATTERN, file.toString())
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("LC_ALL", "C");
        int status = builder.start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("grep exited with " + status);
        }
        return status;
    }

    /** Prints line {@code index} (from 0), the first {@code length} bytes of {@code line}, as {@code N:line}. */
    private static void print(OutputStream out, long index, byte[] line, int length) {
        try {
            out.write(Long.toString(index + 1).getBytes(StandardCharsets.US_ASCII));
            out.write(':');
            out.write(line, 0, length);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int indexOf(byte[] line, byte[] pattern) {
        byte first = pattern[0];
        outer:
        for (int i = 0, last = line.length - pattern.length; i <= last; i++) {
            if (line[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (line[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
