package dev.tunnel.spi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A NULL-terminated array of strings ({@code const char**}) that a batched event carried, for
 * parameters declared in {@code @Callback(strings = ...)}: each string copied into the batch,
 * read in place as an {@link EventBytes}, valid for the duration of the handler call, like
 * expat's attribute arrays ({@code name, value, name, value, ..., NULL}).
 *
 * <pre>{@code
 * // C: typedef void (*XML_StartElementHandler)(void* userData, const XML_Char* name, const XML_Char** atts);
 * StartHandler.Batched start = (name, atts) -> {
 *     for (int i = 0; i < atts.size(); i += 2) {
 *         if (atts.get(i).contentEquals("id")) ids.add(atts.get(i + 1).getString());
 *     }
 * };
 * }</pre>
 *
 * <p>The views {@link #get(int)} returns are reused from event to event (nothing is allocated
 * once the largest array has been seen) and, with the array, throw after the handler returned.
 * A C {@code NULL} array reaches the handler as {@code null}. An array too large to copy into the
 * batch is read from C's memory during C's call, each string copied into its view's own array
 * (read in place, through a wrapper, past 64 KiB).
 */
public final class EventStrings {
    private final String callbackType;
    private final String parameter;
    private EventBytes[] items = new EventBytes[0];
    /** The strings' count while lent; -1 once released. */
    private int count = -1;
    private int next;
    /** For {@link #lendArray}: C's array, one pointer moved to each address, and the string addresses read from it. */
    private final Borrowed.AddressPointer array = new Borrowed.AddressPointer(0);
    private long[] strings = new long[0];

    /** For generated decoders: the one view of {@code parameter} of a {@code callbackType} decoder. */
    public EventStrings(String callbackType, String parameter) {
        this.callbackType = callbackType;
        this.parameter = parameter;
    }

    /**
     * For generated decoders: points the view at the strings of the slot at {@code slot} (count,
     * then where), whose copied strings, if any, start at {@code payload} and end by
     * {@code recordEnd}. Returns the view, or {@code null} for a C {@code NULL}; {@link #next()}
     * is then where the record's next payload starts.
     *
     * @throws IllegalStateException if the strings do not fit in the record
     */
    public EventStrings lend(ByteBuffer records, int slot, int payload, int recordEnd) {
        long n = records.getLong(slot);
        long where = records.getLong(slot + 8);
        next = payload;
        if (where == EventBatch.NULL_BYTES) {
            count = -1;
            return null;
        }
        if (n < 0 || n > (where == 0 ? (recordEnd - payload) / 8 : Integer.MAX_VALUE / 8)) {
            throw corrupt(n + " strings", payload, recordEnd);
        }
        int size = (int) n;
        if (items.length < size) {
            grow(size);
        }
        if (where == 0) {
            int at = payload;
            for (int i = 0; i < size; i++) {
                long length = at <= recordEnd - 8 ? records.getLong(at) : -1;
                if (length < 0 || length > recordEnd - at - 8) {
                    throw corrupt("string " + i + " of " + size, at, recordEnd);
                }
                items[i].point(records, at + 8, (int) length);
                at += 8 + (int) ((length + 7) & ~7);
            }
            next = at;
        } else {
            // too large to copy: C's char** and strings, lent until its gateway returns, after this call
            ByteBuffer pointers = new Borrowed.AddressPointer(where).capacity(8L * size).asByteBuffer().order(ByteOrder.nativeOrder());
            for (int i = 0; i < size; i++) {
                items[i].pointLent(pointers.getLong(8 * i));
            }
        }
        count = size;
        return this;
    }

    /**
     * For APIs that serve one handler from both paths ({@link EventBytes#lendString(long)}): points
     * the view at C's own {@code NULL}-terminated {@code char**} at {@code address}, lent for the
     * call. Returns the view, or {@code null} if the address is NULL; {@link #release()} it when
     * the call returns.
     *
     * @throws IllegalStateException if the array holds more strings than a view does
     */
    public EventStrings lendArray(long address) {
        if (address == 0) {
            count = -1;
            return null;
        }
        array.at(address);
        int size = 0;
        for (long string; (string = array.getLong(8L * size)) != 0; ) {
            if (size == Integer.MAX_VALUE / 8) {
                throw new IllegalStateException("dev.tunnel: the " + parameter + " argument of a " + callbackType
                        + " call holds more than " + Integer.MAX_VALUE / 8 + " strings; a view holds at most that");
            }
            if (size == strings.length) {
                strings = Arrays.copyOf(strings, Math.max(8, 2 * size));
            }
            strings[size++] = string;
        }
        if (items.length < size) {
            grow(size);
        }
        for (int i = 0; i < size; i++) {
            items[i].pointLent(strings[i]);
        }
        count = size;
        return this;
    }

    private void grow(int size) {
        int old = items.length;
        items = Arrays.copyOf(items, Math.max(size, 2 * old));
        for (int i = old; i < items.length; i++) {
            items[i] = new EventBytes(callbackType, parameter + "[" + i + "]");
        }
    }

    private IllegalStateException corrupt(String what, int at, int recordEnd) {
        return new IllegalStateException(String.format("dev.tunnel: corrupt %s record: %s of %s at offset %d pass the"
                + " record's end at %d", callbackType, what, parameter, at, recordEnd));
    }

    /** For generated decoders: where the record's payload after these strings starts. */
    public int next() {
        return next;
    }

    /** For generated decoders: ends the loan of the array and of every string. Never throws. */
    public void release() {
        for (int i = 0; i < count; i++) {
            items[i].release();
        }
        count = -1;
    }

    /** The number of strings (the NULL that ends C's array not counted). */
    public int size() {
        if (count < 0) {
            throw new IllegalStateException("dev.tunnel: the " + parameter + " argument of a " + callbackType
                    + " event was used after its handler returned; the batch reuses its memory: copy what you keep");
        }
        return count;
    }

    /** String {@code index}, as a view valid during the handler call. */
    public EventBytes get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " of " + count + " strings of " + this);
        }
        return items[index];
    }

    /** Names the view without reading it; safe at any time. */
    @Override
    public String toString() {
        return "EventStrings[" + callbackType + "." + parameter + (count >= 0 ? ", " + count + " strings]" : ", released]");
    }
}
