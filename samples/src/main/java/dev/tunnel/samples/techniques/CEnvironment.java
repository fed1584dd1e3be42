package dev.tunnel.samples.techniques;

import static dev.tunnel.traverse.global.traverse.*;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;

/**
 * The C library's process environment ({@code getenv}/{@code setenv}), which is not what
 * {@link System#getenv} shows: the JVM copies the environment once at start-up, so a variable
 * C sets later is invisible to {@code System.getenv} (the cgo wiki's {@code os.Getenv} pitfall)
 * and {@code System.getenv} cannot change what C sees.
 *
 * <pre>{@code
 * CEnvironment.set("TUNNEL_MODE", "fast");
 * CEnvironment.get("TUNNEL_MODE");   // Optional[fast]
 * System.getenv("TUNNEL_MODE");      // null
 * }</pre>
 *
 * <p>Like {@code setenv(3)} itself, {@link #set} and {@link #unset} are not safe while other
 * threads read the C environment.
 */
public final class CEnvironment {
    private CEnvironment() {
    }

    /** The C environment's value of {@code name}, if set. */
    public static Optional<String> get(String name) {
        validate(name);
        try (BytePointer cName = new BytePointer(name, StandardCharsets.UTF_8)) {
            BytePointer value = tn_getenv(cName);
            return value == null || value.isNull() ? Optional.empty() : Optional.of(value.getString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Sets {@code name} to {@code value} in the C environment.
     *
     * @throws IllegalArgumentException naming the variable if C refuses it
     */
    public static void set(String name, String value) {
        validate(name);
        Objects.requireNonNull(value, "value");
        try (BytePointer cName = new BytePointer(name, StandardCharsets.UTF_8);
             BytePointer cValue = new BytePointer(value, StandardCharsets.UTF_8)) {
            check(tn_setenv(cName, cValue), name);
        }
    }

    /** Removes {@code name} from the C environment (nothing happens if it is not set). */
    public static void unset(String name) {
        validate(name);
        try (BytePointer cName = new BytePointer(name, StandardCharsets.UTF_8)) {
            check(tn_unsetenv(cName), name);
        }
    }

    private static void validate(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid environment variable name \"" + name + "\": empty, or contains '=' or NUL");
        }
    }

    private static void check(int status, String name) {
        if (status != 0) {
            throw new IllegalArgumentException("C environment refused \"" + name + "\": " + traverse_strerror(status).getString());
        }
    }
}
