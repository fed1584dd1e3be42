package dev.tunnel.samples;

import dev.tunnel.threads.DedicatedThread;
import dev.tunnel.samples.techniques.CSession;
import dev.tunnel.samples.techniques.ThreadAffinityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code affinity}: Java's {@code runtime.LockOSThread}. C's session keeps its state in
 * thread-local storage; 8 pool threads asking it directly get {@link ThreadAffinityException},
 * while the same 8 asking through a {@link DedicatedThread} all get correct answers.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar affinity
 * session opened on tunnel-session
 * directly from a pool thread: ThreadAffinityException: tn_session_next called on thread ...
 * through the dedicated thread: 8 calls from 8 pool threads -> [1, 2, 3, 4, 5, 6, 7, 8]
 * session closed on tunnel-session
 * }</pre>
 */
final class AffinitySample implements Sample {
    @Override
    public String name() {
        return "affinity";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String description() {
        return "thread-affine C state used from a pool through one dedicated thread (LockOSThread)";
    }

    @Override
    public void run(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("takes no arguments");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DedicatedThread owner = new DedicatedThread("session")) {
            owner.run(() -> {
                CSession.open();
                System.out.println("session opened on " + Thread.currentThread().getName());
            });
            try {
                pool.submit(CSession::next).get();
            } catch (ExecutionException e) {
                ThreadAffinityException wrong = (ThreadAffinityException) e.getCause();
                System.out.println("directly from a pool thread: ThreadAffinityException: " + wrong.getMessage());
            }
            List<Future<Integer>> values = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                values.add(pool.submit(() -> owner.call(CSession::next)));
            }
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> value : values) {
                seen.add(value.get());
            }
            seen.sort(null);
            System.out.println("through the dedicated thread: 8 calls from 8 pool threads -> " + seen);
            owner.run(() -> {
                CSession.close();
                System.out.println("session closed on " + Thread.currentThread().getName());
            });
        } finally {
            pool.shutdown();
        }
    }
}
