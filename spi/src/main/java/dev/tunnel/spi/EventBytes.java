package dev.tunnel.spi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;

/**
 * The bytes of a string or byte-range argument of a batched event ({@link EventBatch}): what C
 * passed, copied into the batch, read in place, valid for the duration of the handler call that
 * receives it. Nothing is allocated to read it; {@link #getString()} and {@link #getBytes()}
 * copy, for what the handler keeps.
 *
 * <pre>{@code
 * // C: typedef void (*LineCallbackFn)(void* user_data, int64_t index, const char* bytes, size_t length);
 * LineCallbackFn.Batched handler = (index, bytes, length) -> {
 *     if (bytes.indexOf(PATTERN) >= 0) {        // no copy
 *         kept.add(bytes.getString());           // a copy: the view is invalid after the call
 *     }
 * };
 * }</pre>
 *
 * <p>The bytes are C's, exactly: NULs included, and not necessarily UTF-8; {@link #getString()}
 * decodes them as UTF-8 with each malformed sequence replaced by U+FFFD, and
 * {@link #contentEquals(CharSequence)} compares without decoding. A C {@code NULL} reaches the
 * handler as {@code null}, not as a view.
 *
 * <p>One view serves one argument of every event of its kind in turn. Used after its handler
 * call returned, it throws {@link IllegalStateException} naming the callback type and parameter,
 * never reading memory the batch has reused; kept and read <em>during a later call</em> it shows
 * that later event's bytes, so copy what you keep. Use a view on the thread that received it.
 */
public final class EventBytes {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /**
     * The longest bytes {@link #lendString} and {@link #lendBytes} copy into the view's own array,
     * which allocates nothing once the array has grown; longer ones are read where C has them,
     * through a wrapper allocated for the call.
     */
    static final int COPY_MAX = 64 * 1024;

    private final String callbackType;
    private final String parameter;
    private ByteBuffer memory;
    private int offset;
    /** The bytes' count while the view is lent; -1 once released, so one compare checks both. */
    private int length = -1;
    private int next;
    /** C's bytes, for the copies of {@link #lendCopy}: one pointer, moved to each address. */
    private final Borrowed.AddressPointer source = new Borrowed.AddressPointer(0);
    /** The copies' array and its buffer, grown to the largest copy. */
    private byte[] copy;
    private ByteBuffer copyBuffer;

    /** For generated decoders: the one view of {@code parameter} of a {@code callbackType} decoder. */
    public EventBytes(String callbackType, String parameter) {
        this.callbackType = callbackType;
        this.parameter = parameter;
    }

    /**
     * For generated decoders: points the view at the bytes of the slot at {@code slot} in
     * {@code records} (length, then where), whose copied bytes, if any, start at {@code payload}
     * and must end by {@code recordEnd}. Returns the view, or {@code null} for a C {@code NULL};
     * {@link #next()} is then where the record's next payload starts.
     *
     * @throws IllegalStateException if the slot does not describe bytes inside the record, or
     *     lent bytes too many for a view
     */
    public EventBytes lend(ByteBuffer records, int slot, int payload, int recordEnd) {
        long size = records.getLong(slot);
        long where = records.getLong(slot + 8);
        // payload and recordEnd are multiples of 8, so the padded bytes fit when the bytes do
        if (where == 0 && Long.compareUnsigned(size, recordEnd - payload) <= 0) {
            if (memory != records) {
                memory = records; // almost always the same buffer: a compare, not a reference store (and its GC barrier) per event
            }
            offset = payload;
            length = (int) size;
            next = payload + ((length + 7) & ~7);
            return this;
        }
        return lendOther(records, size, where, payload, recordEnd);
    }

    /** The rare cases, out of line so that {@link #lend} stays small enough to inline: NULL, lent, corrupt. */
    private EventBytes lendOther(ByteBuffer records, long size, long where, int payload, int recordEnd) {
        next = payload;
        if (where == EventBatch.NULL_BYTES) {
            length = -1;
            return null;
        }
        if (where == 0) {
            throw new IllegalStateException(String.format("dev.tunnel: corrupt %s record: %d bytes of %s at offset %d"
                    + " pass the record's end at %d", callbackType, size, parameter, payload, recordEnd));
        }
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("dev.tunnel: the " + parameter + " argument of a " + callbackType + " event has "
                    + Long.toUnsignedString(size) + " bytes; a view holds at most " + (Integer.MAX_VALUE - 8));
        }
        // too large to copy: C lends its own bytes until its gateway returns, which is after this call
        length = (int) size;
        memory = new Borrowed.AddressPointer(where).capacity(length).asByteBuffer().order(ByteOrder.nativeOrder());
        offset = 0;
        return this;
    }

    /** For {@link EventStrings}: points the view at {@code length} copied bytes at {@code offset} of {@code records}. */
    void point(ByteBuffer records, int offset, int length) {
        if (memory != records) {
            memory = records;
        }
        this.offset = offset;
        this.length = length;
    }

    /** For {@link EventStrings}: points the view at C's NUL-terminated string at {@code address}, lent for the call. */
    void pointLent(long address) {
        long size = BytePointer.strlen(source.at(address));
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("dev.tunnel: a string of the " + parameter + " argument of a " + callbackType
                    + " event has " + size + " bytes; a view holds at most " + (Integer.MAX_VALUE - 8));
        }
        lendCopy(address, (int) size);
    }

    /**
     * Points the view at {@code size} bytes C has at {@code address}: copied into the view's own
     * array up to {@link #COPY_MAX} (one JNI copy, nothing allocated once the array is large
     * enough, where a wrapper of C's memory would cost a direct buffer per call), read in place
     * beyond it.
     */
    private void lendCopy(long address, int size) {
        offset = 0;
        if (size > COPY_MAX) {
            memory = new Borrowed.AddressPointer(address).capacity(size).asByteBuffer().order(ByteOrder.nativeOrder());
            length = size;
            return;
        }
        if (copy == null || copy.length < size) {
            copy = new byte[Math.max(64, Integer.highestOneBit(size) << 1)];
            copyBuffer = ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
        }
        if (size > 0) {
            source.at(address).get(copy, 0, size);
        }
        memory = copyBuffer;
        length = size;
    }

    /**
     * For APIs that serve one handler from both paths: points the view at C's NUL-terminated
     * string at {@code address}, as a per-event gateway lends it for the call, so that the handler
     * a batch calls can take the call too. Returns the view, or {@code null} if the address is NULL.
     * {@link #release()} it when the call returns. Up to 64 KiB the bytes are copied into the
     * view's own array, so a view serving call after call allocates nothing.
     *
     * <pre>{@code
     * EventBytes view = new EventBytes("XML_EndElementHandler", "name");
     * handler.endElement(view.lendString(name.address()));  // name: the gateway's CString
     * view.release();
     * }</pre>
     *
     * @throws IllegalStateException if the string is longer than a view holds
     */
    public EventBytes lendString(long address) {
        if (address == 0) {
            length = -1;
            return null;
        }
        pointLent(address);
        return this;
    }

    /**
     * As {@link #lendString(long)}, for {@code length} bytes at {@code address}, NULs included.
     *
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public EventBytes lendBytes(long address, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("dev.tunnel: the " + parameter + " argument of a " + callbackType
                    + " call has a negative length, " + length);
        }
        if (address == 0) {
            this.length = -1;
            return null;
        }
        lendCopy(address, length);
        return this;
    }

    /** For generated decoders: where the record's payload after this view's bytes starts. */
    public int next() {
        return next;
    }

    /**
     * For generated decoders: ends the loan; every later access throws. Never throws. (A lent
     * wrapper of C's memory is dropped at the next loan; unreachable through the view until then.)
     */
    public void release() {
        length = -1;
    }

    private int start() {
        if (length < 0) {
            throw released();
        }
        return offset;
    }

    private IllegalStateException released() {
        return new IllegalStateException("dev.tunnel: the " + parameter + " argument of a " + callbackType
                + " event was used after its handler returned; the batch reuses its memory: copy what you keep");
    }

    /** The number of bytes. */
    public int length() {
        start();
        return length;
    }

    /** The byte at {@code index}. */
    public byte byteAt(int index) {
        if (index >= length || index < 0) { // a released view's length is -1: no index is in it
            throw length < 0 ? released() : outOfRange(index);
        }
        return memory.get(offset + index);
    }

    private IndexOutOfBoundsException outOfRange(int index) {
        return new IndexOutOfBoundsException("index " + index + " of " + length + " bytes of " + this);
    }

    /** Where {@code needle} first occurs in the bytes, or -1; an empty needle occurs at 0. */
    public int indexOf(byte[] needle) {
        return indexOf(needle, 0);
    }

    /**
     * Where {@code needle} first occurs at or after {@code from}, or -1. Candidates for its first
     * byte are found eight bytes at a time, so a line is scanned at a fraction of a nanosecond
     * per byte.
     */
    public int indexOf(byte[] needle, int from) {
        int start = start();
        ByteBuffer m = memory;
        int n = needle.length;
        int from0 = Math.max(from, 0);
        if (n == 0) {
            return from0 <= length ? from0 : -1;
        }
        byte first = needle[0];
        int last = start + length - n; // the last place the needle can start
        int i = start + from0;
        if (LITTLE_ENDIAN) {
            long firsts = ONES * (first & 0xFF);
            for (int end = start + length; i <= last && i + 8 <= end; i += 8) {
                long x = m.getLong(i) ^ firsts; // a zero byte where the first byte is
                long found = (x - ONES) & ~x & HIGHS; // exact for the lowest zero byte; any above it is checked below
                while (found != 0) {
                    int at = i + (Long.numberOfTrailingZeros(found) >>> 3);
                    if (at > last) {
                        return -1;
                    }
                    if (m.get(at) == first && matchesAt(m, at, needle)) {
                        return at - start;
                    }
                    found &= found - 1;
                }
            }
        }
        for (; i <= last; i++) {
            if (m.get(i) == first && matchesAt(m, i, needle)) {
                return i - start;
            }
        }
        return -1;
    }

    private static boolean matchesAt(ByteBuffer m, int at, byte[] needle) {
        for (int j = 1; j < needle.length; j++) {
            if (m.get(at + j) != needle[j]) {
                return false;
            }
        }
        return true;
    }

    /** Copies the bytes to {@code destination} from {@code at}; it must have room for {@link #length()}. */
    public void copyTo(byte[] destination, int at) {
        int start = start();
        memory.get(start, destination, at, length);
    }

    /** A copy of the bytes. */
    public byte[] getBytes() {
        byte[] bytes = new byte[length()];
        copyTo(bytes, 0);
        return bytes;
    }

    /** The bytes decoded as UTF-8, malformed sequences as U+FFFD: a new {@code String} and its bytes. */
    public String getString() {
        return getString(StandardCharsets.UTF_8);
    }

    /** The bytes decoded with {@code charset}. */
    public String getString(Charset charset) {
        return new String(getBytes(), charset);
    }

    /**
     * Whether the bytes are exactly {@code text} encoded as UTF-8; allocates nothing.
     * Unpaired surrogates in {@code text} match nothing.
     */
    public boolean contentEquals(CharSequence text) {
        int start = start();
        int at = 0;
        for (int i = 0; i < text.length(); i++) {
            int c = text.charAt(i);
            if (Character.isHighSurrogate((char) c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                c = Character.toCodePoint((char) c, text.charAt(++i));
            } else if (Character.isSurrogate((char) c)) {
                return false;
            }
            int units = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (length - at < units) {
                return false;
            }
            if (units == 1) {
                if (memory.get(start + at) != (byte) c) {
                    return false;
                }
            } else {
                int lead = units == 2 ? 0xC0 : units == 3 ? 0xE0 : 0xF0;
                if ((memory.get(start + at) & 0xFF) != (lead | (c >>> (6 * (units - 1))))) {
                    return false;
                }
                for (int k = 1; k < units; k++) {
                    if ((memory.get(start + at + k) & 0xFF) != (0x80 | ((c >>> (6 * (units - 1 - k))) & 0x3F))) {
                        return false;
                    }
                }
            }
            at += units;
        }
        return at == length;
    }

    /** Names the view without reading it; safe at any time. */
    @Override
    public String toString() {
        return "EventBytes[" + callbackType + "." + parameter + (length >= 0 ? ", " + length + " bytes]" : ", released]");
    }
}
