package dev.tunnel.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Java Result on its own: the blog post's format, with C's uint32_t printed unsigned. */
class ResultTest {

    @Test
    void printsTheBlogPostsLine() {
        Result r = new Result();
        r.set((short) -1, 123, 456);
        assertEquals("1: -1, 2: 123, 3: 456", r.toString());
    }

    @Test
    void aNewResultIsAllZero() {
        assertEquals("1: 0, 2: 0, 3: 0", new Result().toString());
    }

    @Test
    void printsEachFieldAcrossItsWholeCRange() {
        Result r = new Result();
        r.set(Short.MIN_VALUE, Long.MIN_VALUE, -1);
        assertEquals("1: -32768, 2: -9223372036854775808, 3: 4294967295", r.toString());
        r.set(Short.MAX_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE);
        assertEquals("1: 32767, 2: 9223372036854775807, 3: 2147483648", r.toString());
    }
}
