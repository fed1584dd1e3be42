package dev.tunnel.generator;

/**
 * A declaration the generator cannot serve; the message names the typedef and says why, and the
 * build stops with it.
 *
 * <pre>{@code
 * throw new GeneratorException("EndCallbackFn: userData = 5, but it has 3 parameters");
 * }</pre>
 */
public final class GeneratorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message names the typedef first */
    public GeneratorException(String message) {
        super("tunnel-generator: " + message);
    }
}
