package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.TRAVERSE_EVENT_START;

import dev.tunnel.BatchBuffer;
import dev.tunnel.BatchReceiver;
import java.nio.IntBuffer;

/**
 * Decodes a buffer of traversal records, in the order C emitted them, into calls on a
 * {@link Visitor}. Reads the native buffer in place and allocates nothing.
 */
final class VisitorBatchReceiver implements BatchReceiver {
    private final IntBuffer records;
    private final Visitor visitor;

    VisitorBatchReceiver(IntBuffer records, Visitor visitor) {
        this.records = records;
        this.visitor = visitor;
    }

    @Override
    public void deliver(int count) {
        IntBuffer r = records;
        Visitor v = visitor;
        int end = count * BatchBuffer.RECORD_INTS;
        for (int p = 0; p < end; p += BatchBuffer.RECORD_INTS) {
            if (r.get(p) == TRAVERSE_EVENT_START) {
                v.start(r.get(p + 1));
            } else {
                v.end(r.get(p + 1), r.get(p + 2));
            }
        }
    }
}
