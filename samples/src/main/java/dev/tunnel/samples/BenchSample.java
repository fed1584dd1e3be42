package dev.tunnel.samples;

import dev.tunnel.traverse.Callbacks;
import dev.tunnel.traverse.Traversal;
import dev.tunnel.traverse.TraversalStats;
import dev.tunnel.traverse.Visitor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bench FILE}: times a traversal of FILE with one upcall per event and with batched
 * delivery, so the difference shows without JMH. Each way is run until it has taken at least
 * a second in total (after one warm-up run), and the best run counts. Prints plain numbers:
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar bench big.txt
 * lines: 6553600
 * per-event: 10512345 events/s
 * batched: 171234567 events/s
 * }</pre>
 *
 * An event is one {@code end} callback (one per line). For figures to quote, use the JMH
 * benchmarks in {@code benchmarks/}.
 */
final class BenchSample implements Sample {
    private static final long MIN_NANOS = 1_000_000_000L;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String arguments() {
        return "FILE";
    }

    @Override
    public String description() {
        return "times FILE's traversal with one upcall per event vs batched (events/s)";
    }

    /** A Traversal entry point, for timing either way the same. */
    @FunctionalInterface
    private interface Way {
        TraversalStats traverse(Path file, Visitor visitor) throws IOException;
    }

    /** Counts end events; the work a visitor does at least. */
    private static final class Counter implements Visitor {
        long events;

        @Override
        public void end(int a, int b) {
            events++;
        }
    }

    @Override
    public void run(List<String> args) throws Exception {
        Path file = FileArgument.of(args);
        long lines = Traversal.traverse(file, Callbacks.NONE).lines(); // also checks the file is readable
        System.out.println("lines: " + lines);
        System.out.println("per-event: " + eventsPerSecond(file, Traversal::traverse) + " events/s");
        System.out.println("batched: " + eventsPerSecond(file, Traversal::traverseBatched) + " events/s");
    }

    private static long eventsPerSecond(Path file, Way way) throws IOException {
        way.traverse(file, new Counter()); // warm-up
        long best = Long.MAX_VALUE;
        long events = 0;
        for (long spent = 0; spent < MIN_NANOS; ) {
            Counter counter = new Counter();
            long start = System.nanoTime();
            way.traverse(file, counter);
            long nanos = Math.max(1, System.nanoTime() - start);
            spent += nanos;
            best = Math.min(best, nanos);
            events = counter.events;
        }
        return Math.round(events * 1e9 / best);
    }
}
