package dev.tunnel.samples;

import dev.tunnel.result.CResultLibrary;
import java.util.List;

/**
 * {@code result}: the blog post's Result example with Java in Go's place. Java calls C's
 * {@code foo()}, which drives a Java {@code Result} through the functions Java exports to C
 * ({@code CNewResult}, {@code CResultSet}, {@code CResultString}, {@code CFreeResult}) and
 * prints it. {@code samples/c/result.c} does the same from a C {@code main()}.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar result
 * 1: -1, 2: 123, 3: 456
 * }</pre>
 */
final class ResultSample implements Sample {
    @Override
    public String name() {
        return "result";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String description() {
        return "the runtime/cgo blog post's Result: C's foo() drives a Java Result through exported Java functions";
    }

    @Override
    public void run(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("takes no arguments");
        }
        CResultLibrary.foo();
    }
}
