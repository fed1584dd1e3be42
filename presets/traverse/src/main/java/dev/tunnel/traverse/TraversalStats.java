package dev.tunnel.traverse;

/**
 * What a traversal did, as counted by C: lines and bytes read, and how many times C called
 * each callback (0 for a callback the visitor did not want, which C received as NULL).
 *
 * <pre>{@code
 * TraversalStats stats = Traversal.traverse(path, Callbacks.NONE.withEnd((a, b) -> { }));
 * stats.lines();       // lines in the file
 * stats.startCalls();  // 0: start was NULL in C
 * }</pre>
 *
 * @param lines lines in the file (or read before the traversal stopped)
 * @param bytes bytes read
 * @param startCalls start callbacks C made
 * @param endCalls end callbacks C made
 */
public record TraversalStats(long lines, long bytes, long startCalls, long endCalls) {
}
