package dev.tunnel.samples;

import dev.tunnel.traverse.Traversal;
import dev.tunnel.traverse.Visitor;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code traverse FILE}: the callbacks article's {@code GoTraverse} with a {@link Visitor}.
 * Prints every event C reported, then {@code lines: N}.
 *
 * <pre>{@code
 * $ printf 'hello\nworld!\n' > /tmp/two.txt
 * $ java -jar samples/target/tunnel-samples.jar traverse /tmp/two.txt
 * start(0)
 * end(0, 5)
 * start(1)
 * end(1, 6)
 * lines: 2
 * }</pre>
 */
final class TraverseSample implements Sample {
    @Override
    public String name() {
        return "traverse";
    }

    @Override
    public String arguments() {
        return "FILE";
    }

    @Override
    public String description() {
        return "C reads FILE and calls a Java Visitor for every line";
    }

    @Override
    public void run(List<String> args) throws Exception {
        Path file = FileArgument.of(args);
        long lines = Traversal.traverse(file, new Visitor() {
            @Override
            public void start(int i) {
                System.out.println("start(" + i + ")");
            }

            @Override
            public void end(int a, int b) {
                System.out.println("end(" + a + ", " + b + ")");
            }
        }).lines();
        System.out.println("lines: " + lines);
    }
}
