package dev.tunnel.samples;

import dev.tunnel.result.CResultLibrary;
import java.util.List;

/**
 * {@code global-functions}: the cgo wiki's "global functions" with Java in Go's place. Java
 * calls C's {@code ACFunction()}, which calls {@code AJavaFunction()}, a Java function exported
 * to C as Go's {@code //export AGoFunction} is.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar global-functions
 * ACFunction()
 * AJavaFunction()
 * }</pre>
 */
final class GlobalFunctionsSample implements Sample {
    @Override
    public String name() {
        return "global-functions";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String description() {
        return "the cgo wiki's global functions: C's ACFunction calls the exported Java AJavaFunction";
    }

    @Override
    public void run(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("takes no arguments");
        }
        CResultLibrary.ACFunction();
    }
}
