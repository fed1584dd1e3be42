package dev.tunnel.benchmarks;

import dev.tunnel.spi.EventBytes;

/**
 * {@link ExpatBenchmark}'s checksum, the same whichever parser reports the document: a rolling
 * hash {@code h = 31 * h + (b & 0xFF)} over the UTF-8 bytes of every element name, then of its
 * attributes' names and values in document order, and of every piece of character data, plus
 * {@value #ELEMENT_WEIGHT} per start element; 63 bits, so that the C floor has negative values
 * for its errors. Over bytes, not chars, so that expat's UTF-8 and Java's UTF-16 agree; over the
 * concatenation, so that parsers may split text as they like. The C floor computes the same in
 * {@code bench_expat_floor.h}.
 *
 * <pre>{@code
 * sum.reset(); sum.element(); sum.name(prefix, localName); sum.chars(value); long checksum = sum.value();
 * }</pre>
 */
final class XmlChecksum {
    static final long ELEMENT_WEIGHT = 1_000_003;

    private long hash;
    private long elements;
    /** A high surrogate whose low half comes next, perhaps in the next piece of text. */
    private char high;

    void reset() {
        hash = 0;
        elements = 0;
        high = 0;
    }

    /** Counts a start element (its name is hashed separately). */
    void element() {
        elements++;
    }

    long value() {
        return (hash + ELEMENT_WEIGHT * elements) & Long.MAX_VALUE;
    }

    /**
     * Expat's UTF-8, as Tunnel lends it, read in place a byte at a time: faster here than a bulk
     * {@link EventBytes#copyTo} into an array first, whose fixed cost per view (about 6 ns) the
     * short names and values of XML outweigh.
     */
    void bytes(EventBytes bytes) {
        long h = hash;
        for (int i = 0, n = bytes.length(); i < n; i++) {
            h = 31 * h + (bytes.byteAt(i) & 0xFF);
        }
        hash = h;
    }

    void chars(char[] text, int start, int length) {
        long h = hash;
        for (int i = start, end = start + length; i < end; i++) {
            h = put(h, text[i]);
        }
        hash = h;
    }

    /** {@code text}'s UTF-8; nothing for null (a StAX parser's missing namespace URI). */
    void chars(String text) {
        if (text != null) {
            long h = hash;
            for (int i = 0, n = text.length(); i < n; i++) {
                h = put(h, text.charAt(i));
            }
            hash = h;
        }
    }

    /** A qualified name as written, for parsers that report its prefix apart (null or empty: none). */
    void name(String prefix, String localName) {
        if (prefix != null && !prefix.isEmpty()) {
            chars(prefix);
            hash = 31 * hash + ':';
        }
        chars(localName);
    }

    /** Hashes in {@code c}'s UTF-8 bytes, encoded on the fly: 1 to 3, or 4 for a surrogate pair at its low half. */
    private long put(long h, char c) {
        if (c < 0x80) {
            return 31 * h + c;
        }
        if (c < 0x800) {
            return 31 * (31 * h + (0xC0 | c >> 6)) + (0x80 | c & 0x3F);
        }
        if (Character.isHighSurrogate(c)) {
            high = c;
            return h;
        }
        if (Character.isLowSurrogate(c)) {
            int cp = Character.toCodePoint(high, c);
            h = 31 * h + (0xF0 | cp >> 18);
            h = 31 * h + (0x80 | cp >> 12 & 0x3F);
            h = 31 * h + (0x80 | cp >> 6 & 0x3F);
            return 31 * h + (0x80 | cp & 0x3F);
        }
        h = 31 * h + (0xE0 | c >> 12);
        h = 31 * h + (0x80 | c >> 6 & 0x3F);
        return 31 * h + (0x80 | c & 0x3F);
    }
}
