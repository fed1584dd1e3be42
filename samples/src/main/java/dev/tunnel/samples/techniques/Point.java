package dev.tunnel.samples.techniques;

import static dev.tunnel.traverse.global.traverse.distance;

/**
 * A point with int coordinates; {@link #distanceTo} passes two C {@code point} structs to C's
 * {@code distance(point*, point*)}, the cgo text's struct-argument example.
 *
 * <pre>{@code
 * int d = new Point(1, 2).distanceTo(new Point(4, 6)); // 5
 * }</pre>
 */
public record Point(int x, int y) {
    /** The Euclidean distance to {@code other}, rounded to the nearest int, computed in C. */
    public int distanceTo(Point other) {
        try (dev.tunnel.traverse.lib.Point a = toC(); dev.tunnel.traverse.lib.Point b = other.toC()) {
            return distance(a, b);
        }
    }

    private dev.tunnel.traverse.lib.Point toC() {
        return new dev.tunnel.traverse.lib.Point().x(x).y(y);
    }
}
