package dev.tunnel.traverse;

import static dev.tunnel.traverse.global.traverse.TRAVERSE_EVENT_START;

import dev.tunnel.BatchBuffer;
import dev.tunnel.BatchReceiver;
import java.nio.IntBuffer;

/**
 * Decodes a buffer of traversal records, in the order C emitted them, into calls on a
 * {@link Visitor}. Reads the native buffer in place and allocates nothing. When the visitor
 * wants one kind of event only, every record is of that kind (C has NULL for the other), so
 * the loop skips the kind test: that is the hot loop of batched delivery.
 */
final class VisitorBatchReceiver {
    private VisitorBatchReceiver() {
    }

    static BatchReceiver of(IntBuffer records, Visitor visitor, VisitorEvents events) {
        if (events.start && !events.end) {
            return count -> {
                int end = count * BatchBuffer.RECORD_INTS;
                for (int p = 0; p < end; p += BatchBuffer.RECORD_INTS) {
                    visitor.start(records.get(p + 1));
                }
            };
        }
        if (events.end && !events.start) {
            return count -> {
                int end = count * BatchBuffer.RECORD_INTS;
                for (int p = 0; p < end; p += BatchBuffer.RECORD_INTS) {
                    visitor.end(records.get(p + 1), records.get(p + 2));
                }
            };
        }
        return count -> {
            int end = count * BatchBuffer.RECORD_INTS;
            for (int p = 0; p < end; p += BatchBuffer.RECORD_INTS) {
                if (records.get(p) == TRAVERSE_EVENT_START) {
                    visitor.start(records.get(p + 1));
                } else {
                    visitor.end(records.get(p + 1), records.get(p + 2));
                }
            }
        };
    }
}
