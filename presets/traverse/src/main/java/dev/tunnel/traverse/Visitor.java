package dev.tunnel.traverse;

import dev.tunnel.traverse.lib.EndCallbackFn;
import dev.tunnel.traverse.lib.StartCallbackFn;

/**
 * Receives the events of a {@link Traversal}. Override only what you need; an event whose method is not
 * overridden is passed to C as a NULL callback, so C never calls into Java for it.
 *
 * <pre>{@code
 * TraversalStats stats = Traversal.traverse(Path.of("data.txt"), new Visitor() {
 *     @Override public void end(int line, int length) {
 *         System.out.println("line " + line + ": " + length + " bytes");
 *     }
 * });
 * }</pre>
 *
 * <p>What Tunnel guarantees, in place of the usual callback rules: the visitor stays reachable
 * for the whole traversal, whatever C holds; anything it throws (checked exceptions too)
 * stops the traversal, no further method is called, and the same instance is thrown from the
 * {@code traverse} call after C has released its resources.
 */
public interface Visitor extends StartCallbackFn.Function, EndCallbackFn.Function {
    /** A line begins: {@code line} is its 0-based index. */
    @Override
    default void start(int line) {
    }

    /** Line {@code line} ended; it had {@code length} bytes, not counting its {@code '\n'}. */
    @Override
    default void end(int line, int length) {
    }
}
