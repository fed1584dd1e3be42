package dev.tunnel.benchmarks.peers;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.bytedeco.javacpp.Loader;

/**
 * JNA's best case for the per-event callback: direct mapping (no interface proxy) of the
 * benchmarks' harness, and a callback taking {@code long} user_data (no Pointer per call).
 *
 * <pre>{@code
 * JnaPeer.EndCallback end = (userData, a, b) -> sum += b;
 * JnaPeer.bench_raw_traverse_memory(Native.getDirectBufferPointer(buffer), size, end, 0);
 * }</pre>
 */
public final class JnaPeer {
    static {
        // the harness is in the peers' JNI library, loaded (and extracted) by JavaCPP
        Native.register(JnaPeer.class, NativeLibrary.getInstance(Loader.load(Peers.class)));
    }

    private JnaPeer() {
    }

    /** {@code void (*)(void* user_data, int a, int b)}, user_data as a 64-bit integer. */
    public interface EndCallback extends Callback {
        void invoke(long userData, int a, int b);
    }

    public static native int bench_raw_traverse_memory(Pointer data, long size, EndCallback end, long userData);

    public static native int bench_raw_events(long lines, EndCallback end, long userData);
}
