package dev.tunnel.samples;

import java.util.List;

/**
 * One runnable sample of {@code tunnel-samples.jar}.
 *
 * <pre>{@code
 * java -jar samples/target/tunnel-samples.jar traverse data.txt
 * }</pre>
 */
interface Sample {
    /** The name given on the command line. */
    String name();

    /** Arguments, for the usage line, e.g. {@code "FILE"}. */
    String arguments();

    /** One line saying what the sample shows. */
    String description();

    /**
     * Runs the sample.
     *
     * @throws UsageException if the arguments are wrong
     * @throws Exception on bad input; {@link Samples} prints it as one line and exits non-zero
     */
    void run(List<String> args) throws Exception;

    /**
     * Ends a sample with an exit status of its own choosing, after printing {@code message} on
     * stderr if there is one: for samples that keep another tool's exit statuses ({@code grep}'s
     * 1 for no match, 2 for an error).
     */
    final class Exit extends Exception {
        final int status;

        Exit(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Thrown for wrong arguments: {@link Samples} prints the sample's usage. */
    final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
