package dev.tunnel.samples;

import dev.tunnel.traverse.Callbacks;
import dev.tunnel.traverse.Traversal;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code traverse-callbacks FILE}: the struct-of-functions form. Only {@code end} is set, so C
 * gets a NULL {@code start} and never calls Java for it. Prints each line's length, then
 * {@code lines: N}.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar traverse-callbacks /tmp/two.txt
 * line 0: 5 bytes
 * line 1: 6 bytes
 * lines: 2
 * }</pre>
 */
final class TraverseCallbacksSample implements Sample {
    @Override
    public String name() {
        return "traverse-callbacks";
    }

    @Override
    public String arguments() {
        return "FILE";
    }

    @Override
    public String description() {
        return "the same with a struct of functions (null = not interested)";
    }

    @Override
    public void run(List<String> args) throws Exception {
        Path file = FileArgument.of(args);
        Callbacks callbacks = Callbacks.NONE.withEnd((line, length) -> System.out.println("line " + line + ": " + length + " bytes"));
        long lines = Traversal.traverse(file, callbacks).lines();
        System.out.println("lines: " + lines);
    }
}
