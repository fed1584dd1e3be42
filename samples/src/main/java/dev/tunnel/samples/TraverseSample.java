package dev.tunnel.samples;

import dev.tunnel.traverse.Traversal;
import dev.tunnel.traverse.Visitor;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code traverse [--batched] FILE}: the callbacks article's {@code GoTraverse} with a
 * {@link Visitor}. Prints every event C reported, then {@code lines: N}. With {@code --batched},
 * C buffers the events and Java receives them a batch per upcall: the same output.
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
        return "[--batched] FILE";
    }

    @Override
    public String description() {
        return "C reads FILE and calls a Java Visitor for every line (--batched: a buffer per upcall)";
    }

    @Override
    public void run(List<String> args) throws Exception {
        boolean batched = !args.isEmpty() && args.get(0).equals("--batched");
        Path file = FileArgument.of(batched ? args.subList(1, args.size()) : args);
        Visitor printer = new Visitor() {
            @Override
            public void start(int i) {
                System.out.println("start(" + i + ")");
            }

            @Override
            public void end(int a, int b) {
                System.out.println("end(" + a + ", " + b + ")");
            }
        };
        long lines = (batched ? Traversal.traverseBatched(file, printer) : Traversal.traverse(file, printer)).lines();
        System.out.println("lines: " + lines);
    }
}
