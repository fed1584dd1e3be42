package dev.tunnel.samples;

import static dev.tunnel.traverse.global.traverse.*;

import dev.tunnel.spi.Closure;
import dev.tunnel.traverse.lib.TraverseHookFn;
import dev.tunnel.traverse.lib.TraverseHookReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code closures N}: N Java closures registered with a C library that keeps bare function
 * pointers (libtraverse's hooks, no user_data) and calls them from threads it creates after the
 * registering calls returned. C calls each once; half are closed; C calls all N again.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar closures 100000
 * closures: 100000, calls: 150000, wrong target: 0
 * after close: 50000 calls rejected, 0 crashes
 * }</pre>
 *
 * <p>Every count is measured: {@code calls} by the Java targets; {@code wrong target} both by
 * C (an answer that is not the hook's own) and by the targets (a token meant for another hook);
 * {@code rejected} by C, which gets the typedef's failure value (-1) from a closed closure.
 */
final class ClosuresSample implements Sample {
    /** Threads C creates for each round of calls. */
    private static final int THREADS = 8;

    @Override
    public String name() {
        return "closures";
    }

    @Override
    public String arguments() {
        return "N";
    }

    @Override
    public String description() {
        return "N closures C keeps and calls from its own threads; half closed, then all called again";
    }

    @Override
    public void run(List<String> args) throws Exception {
        int n = count(args);
        LongAdder calls = new LongAdder();
        LongAdder misrouted = new LongAdder();
        List<Closure<TraverseHookFn>> closures = new ArrayList<>(n);
        traverse_hooks_clear();
        try {
            for (int i = 0; i < n; i++) {
                long own = i;
                Closure<TraverseHookFn> closure = TraverseHookFn.closure(token -> {
                    calls.increment();
                    if (token != own) {
                        misrouted.increment();
                    }
                    return 2 * own + 1;
                });
                closures.add(closure);
                if (traverse_hooks_add(closure.pointer()) != i) {
                    throw new IllegalStateException("libtraverse could not keep hook " + i);
                }
            }
            TraverseHookReport first = callAll();
            for (int i = 0; i < n; i += 2) {
                closures.get(i).close();
            }
            // the calls through closed closures are expected here: counted below, not logged
            Logger.getLogger("dev.tunnel.spi.DroppedCallbacks").setLevel(Level.OFF);
            TraverseHookReport second = callAll();
            long wrong = first.wrong() + second.wrong() + misrouted.sum();
            System.out.println("closures: " + n + ", calls: " + calls.sum() + ", wrong target: " + wrong);
            System.out.println("after close: " + second.rejected() + " calls rejected, 0 crashes");
        } finally {
            traverse_hooks_clear();
            closures.forEach(Closure::close);
        }
    }

    private static TraverseHookReport callAll() {
        TraverseHookReport report = new TraverseHookReport();
        int status = traverse_hooks_call_all(THREADS, report);
        if (status != 0) {
            throw new IllegalStateException("traverse_hooks_call_all: " + traverse_strerror(status).getString());
        }
        return report;
    }

    private static int count(List<String> args) throws UsageException {
        if (args.size() != 1) {
            throw new UsageException("takes one argument, N");
        }
        try {
            int n = Integer.parseInt(args.get(0));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("N must be a positive number of closures, not '" + args.get(0) + "'");
    }
}
