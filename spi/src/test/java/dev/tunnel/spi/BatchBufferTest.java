package dev.tunnel.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.junit.jupiter.api.Test;

class BatchBufferTest {
    @Test
    void pairsReadBackWhatWasWrittenAsInts() {
        int[] values = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x12345678, 0x9abcdef0};
        try (BatchBuffer buffer = new BatchBuffer(values.length, BatchBuffer.PAIR_INTS)) {
            IntBuffer ints = buffer.records();
            for (int r = 0; r < values.length; r++) {
                ints.put(2 * r, values[r]);                          // as C writes record[0] = a
                ints.put(2 * r + 1, values[values.length - 1 - r]);  // and record[1] = b
            }
            LongBuffer pairs = buffer.pairs();
            for (int r = 0; r < values.length; r++) {
                assertEquals(values[r], BatchBuffer.first(pairs.get(r)), "a of record " + r);
                assertEquals(values[values.length - 1 - r], BatchBuffer.second(pairs.get(r)), "b of record " + r);
            }
        }
    }

    @Test
    void sizesFollowTheLayout() {
        try (BatchBuffer mixed = new BatchBuffer(10); BatchBuffer pairs = new BatchBuffer(10, BatchBuffer.PAIR_INTS)) {
            assertEquals(30, mixed.records().capacity());
            assertEquals(BatchBuffer.RECORD_INTS, mixed.recordInts());
            assertEquals(20, pairs.records().capacity());
            assertEquals(10, pairs.pairs().capacity());
            assertEquals(10, pairs.capacity());
        }
    }

    @Test
    void aMixedBufferHasNoPairsView() {
        try (BatchBuffer mixed = new BatchBuffer(4)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, mixed::pairs);
            assertTrue(e.getMessage().contains("3-int records"), e.getMessage());
        }
    }

    @Test
    void badSizesAreRejectedNamingTheValue() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new BatchBuffer(0));
        assertTrue(zero.getMessage().contains("got 0"), zero.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> new BatchBuffer(Integer.MAX_VALUE / 2 + 1, BatchBuffer.PAIR_INTS));
        assertTrue(huge.getMessage().contains("got " + (Integer.MAX_VALUE / 2 + 1)), huge.getMessage());
        IllegalArgumentException layout = assertThrows(IllegalArgumentException.class, () -> new BatchBuffer(4, 4));
        assertTrue(layout.getMessage().contains("got 4"), layout.getMessage());
    }
}
