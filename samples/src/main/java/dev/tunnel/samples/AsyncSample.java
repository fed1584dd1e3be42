package dev.tunnel.samples;

import dev.tunnel.traverse.AsyncTraversals;
import dev.tunnel.traverse.TraversalStats;
import dev.tunnel.traverse.Visitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code async FILE...}: traverses the files concurrently, each on a native thread C creates
 * (at most 4 at once, the rest waiting), and prints {@code FILE: lines: N} per file in the order
 * given. A file that cannot be read gets {@code FILE: error: REASON} and exit status 1.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar async a.txt b.txt
 * a.txt: lines: 2
 * b.txt: lines: 3
 * }</pre>
 */
final class AsyncSample implements Sample {
    @Override
    public String name() {
        return "async";
    }

    @Override
    public String arguments() {
        return "FILE...";
    }

    @Override
    public String description() {
        return "traverses the files concurrently on native threads C creates (at most 4 at once)";
    }

    @Override
    public void run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException("expected at least one FILE");
        }
        AsyncTraversals traversals = new AsyncTraversals(4, 256);
        List<CompletableFuture<TraversalStats>> futures = new ArrayList<>();
        for (String file : args) {
            futures.add(traversals.traverse(Path.of(file), new Visitor() { }));
        }
        int failed = 0;
        for (int n = 0; n < args.size(); n++) {
            try {
                System.out.println(args.get(n) + ": lines: " + futures.get(n).join().lines());
            } catch (CompletionException e) {
                System.out.println(args.get(n) + ": error: " + reason(e.getCause()));
                failed++;
            }
        }
        if (failed > 0) {
            throw new Exception(failed + " of " + args.size() + " files could not be traversed");
        }
    }

    private static String reason(Throwable failure) {
        if (failure instanceof java.nio.file.FileSystemException) {
            java.nio.file.FileSystemException e = (java.nio.file.FileSystemException) failure;
            return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        }
        return String.valueOf(failure);
    }
}
