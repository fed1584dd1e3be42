package dev.tunnel.traverse;

/**
 * The struct-of-functions form of a {@link Visitor}: an immutable pair of functions where
 * {@code null} means "not interested", and C receives a NULL callback for it, so it never calls
 * into Java for that event.
 *
 * <pre>{@code
 * long[] total = new long[1];
 * Traversal.traverse(path, Callbacks.NONE.withEnd((line, length) -> total[0] += length));
 * }</pre>
 *
 * @param start called when a line begins, or {@code null}
 * @param end called when a line ends, or {@code null}
 */
public record Callbacks(StartCallback start, EndCallback end) {
    /** No callbacks at all: a traversal with it only counts lines. */
    public static final Callbacks NONE = new Callbacks(null, null);

    /** A copy with {@code start} replaced ({@code null} to drop it). */
    public Callbacks withStart(StartCallback start) {
        return new Callbacks(start, end);
    }

    /** A copy with {@code end} replaced ({@code null} to drop it). */
    public Callbacks withEnd(EndCallback end) {
        return new Callbacks(start, end);
    }

    /** Called when line {@code i} (0-based) begins. */
    @FunctionalInterface
    public interface StartCallback {
        void start(int i);
    }

    /** Called when line {@code a} ends, with its length {@code b} in bytes without the {@code '\n'}. */
    @FunctionalInterface
    public interface EndCallback {
        void end(int a, int b);
    }

    /** This pair as a visitor; only called for the non-null functions. */
    Visitor asVisitor() {
        StartCallback s = start;
        EndCallback e = end;
        return new Visitor() {
            @Override
            public void start(int i) {
                s.start(i);
            }

            @Override
            public void end(int a, int b) {
                e.end(a, b);
            }
        };
    }
}
