package dev.tunnel.spi;

/**
 * The Java end of a batching gateway: C filled the first {@code count} records of a
 * {@link BatchBuffer} and made one upcall for all of them. The receiver decodes the records
 * in order and calls the user's callbacks; it runs on the thread C called back on, one batch
 * at a time per traversal.
 *
 * <pre>{@code
 * BatchReceiver receiver = count -> {
 *     IntBuffer records = buffer.records();
 *     for (int r = 0, p = 0; r < count; r++, p += BatchBuffer.RECORD_INTS) {
 *         dispatch(records.get(p), records.get(p + 1), records.get(p + 2));
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface BatchReceiver {
    /** Delivers the first {@code count} records; what it throws stops C, as for any gateway. */
    void deliver(int count);
}
