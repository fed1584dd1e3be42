package dev.tunnel.samples.techniques;

/**
 * A thread-affine C call was made on the wrong thread: its state belongs to the thread that
 * created it. Run every such call on one {@link dev.tunnel.threads.DedicatedThread}.
 *
 * <pre>{@code
 * try {
 *     CSession.next();
 * } catch (ThreadAffinityException e) {
 *     // called from a thread that did not open the session
 * }
 * }</pre>
 */
public class ThreadAffinityException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ThreadAffinityException(String message) {
        super(message);
    }
}
