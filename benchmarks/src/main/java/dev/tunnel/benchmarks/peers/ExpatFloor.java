package dev.tunnel.benchmarks.peers;

import dev.tunnel.expat.presets.expat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * ExpatBenchmark's floor: expat driven from C alone ({@code bench_expat_floor.h}), its C handlers
 * computing the benchmark's checksum, bound with plain JavaCPP in a JNI library of its own
 * ({@code jnitunnelbenchexpat}, linked with libexpat): one downcall per document.
 *
 * <pre>{@code
 * long checksum = ExpatFloor.bench_expat_checksum(new BytePointer(directBuffer), size, false);
 * }</pre>
 */
@Properties(inherit = expat.class, value = @Platform(include = "bench_expat_floor.h", library = "jnitunnelbenchexpat"))
public class ExpatFloor {
    static {
        Loader.load(expat.class); // the libexpat XmlParser uses, from the expat jar, not the system's
        Loader.load();
    }

    private ExpatFloor() {
    }

    /**
     * Parses the {@code size} bytes at {@code data} with handlers in C; returns the checksum (see
     * ExpatBenchmark), over the attributes the document specifies only if {@code specifiedOnly}
     * (else also those its DTD defaults), or minus expat's error code if it is not well-formed.
     */
    public static native long bench_expat_checksum(@Cast("const char*") BytePointer data, @Cast("size_t") long size,
            boolean specifiedOnly);
}
