package dev.tunnel.result.export;

import dev.tunnel.InvalidHandleException;
import dev.tunnel.result.CResultLibrary;
import java.lang.System.Logger.Level;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Properties;

/**
 * What an export does with a failure instead of letting it reach C: logs it, with its stack,
 * to the {@code System.Logger} named {@value #LOGGER}, and makes it the calling thread's
 * {@code CResultLastError()}. The message names the C function and the handle in hex.
 *
 * <pre>{@code
 * try {
 *     ResultFunctions.set(handle, val1, val2, val3);
 *     return 1;
 * } catch (Throwable t) {
 *     return ExportFailure.record(ExportFailure.call("CResultSet", handle), t);  // 0
 * }
 * }</pre>
 */
@Properties(inherit = CResultLibrary.class)
public final class ExportFailure {
    static {
        Loader.load();
    }

    /** The name of the logger that gets every failure of an export. */
    public static final String LOGGER = "dev.tunnel.result";

    private static final System.Logger LOG = System.getLogger(LOGGER);

    private ExportFailure() {
    }

    /** How a failure names the call, e.g. {@code CResultSet(0x0000000100000011)}. */
    static String call(String function, long handle) {
        return String.format("%s(0x%016x)", function, handle);
    }

    /**
     * Logs {@code failure} of {@code call} and makes it this thread's {@code CResultLastError()}.
     *
     * @return 0, what every export returns to its C wrapper on failure
     */
    static int record(String call, Throwable failure) {
        setLastError(log(call, failure));
        return 0;
    }

    /** Logs {@code failure} of {@code call}, and returns the message. Never throws. */
    static String log(String call, Throwable failure) {
        String message = call + ": " + describe(failure);
        try {
            LOG.log(Level.WARNING, message, failure);
        } catch (Throwable logFailure) {
            // a broken logger must not hide the failure from C, nor become one of its own
            message += " (logging this failed: " + logFailure + ")";
        }
        return message;
    }

    private static String describe(Throwable failure) {
        // Tunnel's own messages already name the handle and say what is wrong with it
        return failure instanceof InvalidHandleException || failure instanceof ClassCastException
                ? failure.getMessage() : failure.toString();
    }

    @Name("tunnel_result_set_last_error")
    private static native void setLastError(@Cast("const char*") String message);
}
