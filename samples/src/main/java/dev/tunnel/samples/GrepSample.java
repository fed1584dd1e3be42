package dev.tunnel.samples;

import dev.tunnel.spi.EventBytes;
import dev.tunnel.traverse.LineBatchVisitor;
import dev.tunnel.traverse.LineVisitor;
import dev.tunnel.traverse.Traversal;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code grep [--batched] STRING FILE}: every line of FILE that contains the bytes of STRING, as
 * {@code N:line} (N from 1), and nothing else on stdout: byte for byte what
 * {@code LC_ALL=C grep -naF -- STRING FILE} prints, lines with {@code '\r'}, NUL or bytes that
 * are not UTF-8 included. C reads and splits the file ({@code traverse_file_lines}); Java
 * matches, one upcall per line, or with {@code --batched} one upcall per batch of lines
 * ({@link Traversal#traverseLinesBatched}), matching in place in the batch.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar grep --batched ERROR app.log
 * 12:2026-12-01 ERROR disk full
 * }</pre>
 *
 * <p>As grep: a STRING with newlines is one pattern per line (an empty one matches every line);
 * exit status 0 if a line matched, 1 if none did, 2 on an error, with a message naming FILE.
 * STRING is searched as the bytes the command line gave, whatever the locale: the JVM decodes
 * its arguments with the locale's charset ({@code sun.jnu.encoding}), which under
 * {@code LC_ALL=C} turns every byte above 127 into U+FFFD, so on Linux the bytes are read back
 * from {@code /proc/self/cmdline}.
 */
final class GrepSample implements Sample {
    @Override
    public String name() {
        return "grep";
    }

    @Override
    public String arguments() {
        return "[--batched] STRING FILE";
    }

    @Override
    public String description() {
        return "FILE's lines that contain STRING, as N:line: what LC_ALL=C grep -naF prints (--batched: lines batched)";
    }

    @Override
    public void run(List<String> args) throws Exception {
        boolean batched = !args.isEmpty() && args.get(0).equals("--batched");
        List<String> operands = batched ? args.subList(1, args.size()) : args;
        if (operands.size() != 2) {
            throw new UsageException("expected STRING and FILE, got " + operands.size() + " arguments");
        }
        Matcher matcher = new Matcher(patterns(argumentBytes(operands.get(0), 1)));
        Path file = Path.of(operands.get(1));
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        try {
            if (batched) {
                Traversal.traverseLinesBatched(file, matcher.batchedPrintingTo(out));
            } else {
                Traversal.traverseLines(file, matcher.printingTo(out));
            }
            out.flush();
        } catch (FileSystemException e) {
            out.flush();
            throw new Exit(2, Samples.describe(e));
        } catch (IOException | UncheckedIOException e) {
            out.flush();
            throw new Exit(2, file + ": " + e.getMessage());
        }
        if (matcher.matched == 0) {
            throw new Exit(1, null);
        }
    }

    /**
     * The bytes the command line gave for {@code argument}, the one {@code fromEnd} places before
     * the last ({@code 0}: the last): from {@code /proc/self/cmdline} when the JVM's decoding of
     * those bytes is {@code argument}, else {@code argument} encoded back with the JVM's charset.
     */
    static byte[] argumentBytes(String argument, int fromEnd) {
        Charset charset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        try {
            // every argument ends with a NUL: the piece after the last one is empty
            List<byte[]> raw = split(Files.readAllBytes(Path.of("/proc/self/cmdline")), (byte) 0);
            if (raw.size() > fromEnd + 1) {
                byte[] bytes = raw.get(raw.size() - 2 - fromEnd);
                if (new String(bytes, charset).equals(argument)) {
                    return bytes;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: the decoded argument is all there is
        }
        return argument.getBytes(charset);
    }

    /** STRING's bytes, one pattern per line of them, as {@code grep -F} reads them. */
    static List<byte[]> patterns(byte[] bytes) {
        return split(bytes, (byte) '\n');
    }

    /** The pieces of {@code bytes} between separators: n separators make n + 1 pieces, empty ones included. */
    private static List<byte[]> split(byte[] bytes, byte separator) {
        List<byte[]> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == separator) {
                pieces.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        return pieces;
    }

    /** Finds the patterns in a line's bytes and prints the matching lines. */
    static final class Matcher {
        private final byte[][] patterns;
        private final byte[] number = new byte[20];
        long matched;

        Matcher(List<byte[]> patterns) {
            this.patterns = patterns.toArray(new byte[0][]);
        }

        /** Whether {@code line[0, length)} contains any pattern. */
        boolean matches(byte[] line, int length) {
            for (byte[] pattern : patterns) {
                if (indexOf(line, length, pattern) >= 0) {
                    return true;
                }
            }
            return false;
        }

        static int indexOf(byte[] line, int length, byte[] pattern) {
            if (pattern.length == 0) {
                return 0;
            }
            byte first = pattern[0];
            for (int i = 0, last = length - pattern.length; i <= last; i++) {
                if (line[i] == first && regionMatches(line, i, pattern)) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean regionMatches(byte[] line, int at, byte[] pattern) {
            for (int j = 1; j < pattern.length; j++) {
                if (line[at + j] != pattern[j]) {
                    return false;
                }
            }
            return true;
        }

        LineVisitor printingTo(OutputStream out) {
            return (index, bytes, length) -> {
                if (length > Integer.MAX_VALUE - 8) {
                    throw new UncheckedIOException(new IOException("line " + (index + 1) + " has " + length
                            + " bytes, more than a Java array holds"));
                }
                byte[] line = length == 0 ? new byte[0] : bytes.getBytes(length);
                if (matches(line, line.length)) {
                    print(out, index, line, line.length);
                }
            };
        }

        /** The batched form: matches in the batch, in place, and copies only the lines it prints. */
        LineBatchVisitor batchedPrintingTo(OutputStream out) {
            return new LineBatchVisitor() {
                private byte[] line = new byte[256];

                @Override
                public void line(long index, EventBytes bytes, long length) {
                    if (matches(bytes)) {
                        int n = bytes.length();
                        if (n > line.length) {
                            line = new byte[Math.max(n, 2 * line.length)];
                        }
                        bytes.copyTo(line, 0);
                        print(out, index, line, n);
                    }
                }
            };
        }

        /** Whether the line contains any pattern. */
        boolean matches(EventBytes line) {
            for (byte[] pattern : patterns) {
                if (line.indexOf(pattern) >= 0) {
                    return true;
                }
            }
            return false;
        }

        /** Prints line {@code index} (from 0), the first {@code length} bytes of {@code line}, as {@code N:line}, and counts it. */
        private void print(OutputStream out, long index, byte[] line, int length) {
            matched++;
            try {
                writeNumber(out, index + 1);
                out.write(':');
                out.write(line, 0, length);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void writeNumber(OutputStream out, long n) throws IOException {
            int at = number.length;
            do {
                number[--at] = (byte) ('0' + n % 10);
                n /= 10;
            } while (n > 0);
            out.write(number, at, number.length - at);
        }
    }
}
