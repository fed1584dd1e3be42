package dev.tunnel.expat;

import dev.tunnel.spi.EventBatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A streaming XML parser: libexpat, built from Debian's source package with its security fixes,
 * whose events reach an {@link XmlHandler} through Tunnel, one upcall per event
 * ({@link #perEvent()}) or batched ({@link #batched()}, several times faster for documents with
 * many small events). Immutable and thread-safe: each {@code parse} call has an expat parser of
 * its own, freed before it returns.
 *
 * <pre>{@code
 * long[] elements = {0};
 * XmlParser.batched().parse(Path.of("pom.xml"), new XmlHandler() {
 *     public void startElement(EventBytes name, EventStrings attributes) {
 *         elements[0]++;
 *     }
 * });
 * }</pre>
 *
 * <p>What a parse guarantees:
 * <ul>
 * <li>A document expat rejects throws {@link XmlParseException}, naming the source, line, column
 *     and expat's message, after the events before the error were delivered.</li>
 * <li>What the handler throws stops expat ({@code XML_StopParser}); no later event is delivered;
 *     the same instance is rethrown once the parser was freed.</li>
 * <li>Nothing but the document is read: no external entity or DTD is ever fetched, and
 *     references to them are skipped.</li>
 * <li>Entity expansion attacks (billion laughs, quadratic blowup) end in an
 *     {@link XmlParseException} ("limit on input amplification factor ... breached"), not in memory
 *     growth: expat's amplification limit, 100 times the input once past 8 MiB, is on.</li>
 * <li>A stream or file is read a chunk at a time ({@link #withChunkBytes(int)}), never whole.</li>
 * </ul>
 */
public final class XmlParser {
    /** The default read size: 64 KiB. */
    public static final int DEFAULT_CHUNK_BYTES = 64 * 1024;

    private final boolean batched;
    private final char namespaceSeparator;
    private final int batchBytes;
    private final int chunkBytes;

    private XmlParser(boolean batched, char namespaceSeparator, int batchBytes, int chunkBytes) {
        this.batched = batched;
        this.namespaceSeparator = namespaceSeparator;
        this.batchBytes = batchBytes;
        this.chunkBytes = chunkBytes;
    }

    /** One upcall into Java per event expat reports. No namespace processing. */
    public static XmlParser perEvent() {
        return new XmlParser(false, (char) 0, EventBatch.DEFAULT_CAPACITY, DEFAULT_CHUNK_BYTES);
    }

    /**
     * Events appended in C to a batch of {@link EventBatch#DEFAULT_CAPACITY} bytes and delivered a
     * batch at a time, in order, on the parsing thread. No namespace processing.
     */
    public static XmlParser batched() {
        return new XmlParser(true, (char) 0, EventBatch.DEFAULT_CAPACITY, DEFAULT_CHUNK_BYTES);
    }

    /**
     * With namespace processing (expat's {@code XML_ParserCreateNS}): element and attribute names
     * of a namespace are its URI, {@code separator} and the local name; {@code xmlns}
     * declarations are reported by {@link XmlHandler#startNamespace}, not as attributes.
     *
     * @throws IllegalArgumentException if {@code separator} is not an ASCII character other than NUL
     */
    public XmlParser withNamespaces(char separator) {
        if (separator == 0 || separator > 0x7F) {
            throw new IllegalArgumentException(String.format("namespace separator U+%04X: expat takes one ASCII character other than NUL",
                    (int) separator));
        }
        return new XmlParser(batched, separator, batchBytes, chunkBytes);
    }

    /**
     * With a batch of {@code bytes} (batched delivery only; see {@link EventBatch}): larger batches
     * mean fewer deliveries, each string of more than half a batch is lent rather than copied.
     *
     * @throws IllegalArgumentException if {@code bytes} is outside
     *     [{@link EventBatch#MIN_CAPACITY}, {@link EventBatch#MAX_CAPACITY}]
     */
    public XmlParser withBatchBytes(int bytes) {
        if (bytes < EventBatch.MIN_CAPACITY || bytes > EventBatch.MAX_CAPACITY) {
            throw new IllegalArgumentException("batch of " + bytes + " bytes: a batch holds " + EventBatch.MIN_CAPACITY + " to "
                    + EventBatch.MAX_CAPACITY + " bytes");
        }
        return new XmlParser(batched, namespaceSeparator, bytes, chunkBytes);
    }

    /**
     * With reads of {@code bytes} from files and streams into expat's buffer.
     *
     * @throws IllegalArgumentException if {@code bytes} is outside [1, 2<sup>30</sup>]
     */
    public XmlParser withChunkBytes(int bytes) {
        if (bytes < 1 || bytes > 1 << 30) {
            throw new IllegalArgumentException("chunk of " + bytes + " bytes: a chunk holds 1 to " + (1 << 30) + " bytes");
        }
        return new XmlParser(batched, namespaceSeparator, batchBytes, bytes);
    }

    /** Parses the file at {@code file}; errors name it as given. */
    public void parse(Path file, XmlHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        try (XmlInput input = XmlInput.of(file)) {
            ExpatParse.run(this, input, handler);
        }
    }

    /**
     * Parses what {@code in} holds up to its end, read a chunk at a time; errors name it
     * {@code sourceName}. The stream is not closed.
     */
    public void parse(InputStream in, String sourceName, XmlHandler handler) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(handler, "handler");
        try (XmlInput input = XmlInput.of(in, Objects.requireNonNull(sourceName, "sourceName"))) {
            ExpatParse.run(this, input, handler);
        }
    }

    /**
     * Parses the bytes between {@code bytes}' position and limit (its position is left alone); a
     * direct buffer is parsed where it lies, a heap one is copied a chunk at a time. Errors name
     * it {@code sourceName}.
     */
    public void parse(ByteBuffer bytes, String sourceName, XmlHandler handler) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(handler, "handler");
        try (XmlInput input = XmlInput.of(bytes, Objects.requireNonNull(sourceName, "sourceName"))) {
            ExpatParse.run(this, input, handler);
        }
    }

    /** Whether events are batched. */
    public boolean isBatched() {
        return batched;
    }

    /** The namespace separator, or NUL without namespace processing. */
    public char namespaceSeparator() {
        return namespaceSeparator;
    }

    /** The batch size of batched delivery. */
    public int batchBytes() {
        return batchBytes;
    }

    /** The read size for files and streams. */
    public int chunkBytes() {
        return chunkBytes;
    }

    @Override
    public String toString() {
        return "XmlParser[" + (batched ? "batched, " + batchBytes + " B" : "per event")
                + (namespaceSeparator != 0 ? String.format(", namespaces U+%04X", (int) namespaceSeparator) : "")
                + ", chunks of " + chunkBytes + " B]";
    }
}
