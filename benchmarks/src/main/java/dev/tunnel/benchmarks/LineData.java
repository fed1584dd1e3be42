package dev.tunnel.benchmarks;

import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The in-memory workload every per-event case shares: {@value #LINES} lines of 15 bytes plus
 * a newline, in a direct buffer C reads in place, so file I/O does not dominate.
 *
 * <pre>{@code
 * @Benchmark @OperationsPerInvocation(LineData.LINES)
 * public long peer(LineData data) { ... traverse_memory(data.pointer, data.size, ...) ... }
 * }</pre>
 */
@State(Scope.Thread)
public class LineData {
    /** Lines per traversal: enough that per-traversal setup is noise next to per-event cost. */
    public static final int LINES = 100_000;
    /** Bytes per line, without the newline: each end event reports this length. */
    public static final int LINE_LENGTH = 15;

    public ByteBuffer buffer;
    public BytePointer pointer;
    public long size;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] line = "0123456789abcde\n".getBytes();
        buffer = ByteBuffer.allocateDirect(LINES * line.length);
        for (int i = 0; i < LINES; i++) {
            buffer.put(line);
        }
        buffer.flip();
        pointer = new BytePointer(buffer);
        size = buffer.remaining();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pointer.close();
    }

    /** Fails the run if a case's running sum is not whole traversals' worth of line lengths. */
    public static void checkSum(String peer, long sum) {
        if (sum % ((long) LINE_LENGTH * LINES) != 0) {
            throw new IllegalStateException(peer + " saw the wrong events: sum " + sum);
        }
    }
}
