package dev.tunnel.samples.techniques;

import static dev.tunnel.traverse.global.traverse.*;

/**
 * C's thread-affine counter session ({@code tn_session_open/next/close}): its state lives in C
 * thread-local storage, so only the thread that opened it may use it, as with an OpenGL
 * context or a GUI toolkit. Called from another thread, C detects it and this throws
 * {@link ThreadAffinityException}. Callers on many threads (a pool, virtual threads) use a
 * {@link dev.tunnel.threads.DedicatedThread}:
 *
 * <pre>{@code
 * try (DedicatedThread owner = new DedicatedThread("session")) {
 *     owner.run(CSession::open);
 *     int a = owner.call(CSession::next);      // 1, whichever thread asks
 *     int b = owner.call(CSession::next);      // 2
 *     owner.run(CSession::close);
 * }
 * }</pre>
 */
public final class CSession {
    private CSession() {
    }

    /**
     * Opens the session on the calling thread.
     *
     * @throws IllegalStateException if a session is already open
     */
    public static void open() {
        check(tn_session_open(), "tn_session_open");
    }

    /**
     * The session's next value: 1, 2, 3, ...
     *
     * @throws ThreadAffinityException if called on a thread other than the one that opened it
     * @throws IllegalStateException if no session is open
     */
    public static int next() {
        return check(tn_session_next(), "tn_session_next");
    }

    /**
     * Closes the session, from the thread that opened it.
     *
     * @throws ThreadAffinityException if called on another thread
     */
    public static void close() {
        check(tn_session_close(), "tn_session_close");
    }

    private static int check(int result, String function) {
        switch (result) {
            case TN_SESSION_WRONG_THREAD:
                throw new ThreadAffinityException(function + " called on thread \"" + Thread.currentThread().getName()
                        + "\", which did not open the session: its state is thread-local in C (use a DedicatedThread)");
            case TN_SESSION_NOT_OPEN:
                throw new IllegalStateException(function + ": no session is open");
            case TN_SESSION_ALREADY_OPEN:
                throw new IllegalStateException(function + ": a session is already open");
            default:
                return result;
        }
    }
}
