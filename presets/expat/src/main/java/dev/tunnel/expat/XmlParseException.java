package dev.tunnel.expat;

import java.io.IOException;

/**
 * A document expat rejected: where (the source, 1-based line and column) and why (expat's error
 * code and message). The events before the error were delivered.
 *
 * <pre>{@code
 * try {
 *     XmlParser.batched().parse(file, handler);
 * } catch (XmlParseException e) {
 *     System.err.println(e.getMessage()); // "feed.xml: error at line 3, column 7: mismatched tag"
 * }
 * }</pre>
 */
public final class XmlParseException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final long column;
    private final int errorCode;
    private final String reason;

    XmlParseException(String source, long line, long column, int errorCode, String reason) {
        super(source + ": error at line " + line + ", column " + column + ": " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
        this.errorCode = errorCode;
        this.reason = reason;
    }

    /** The document, as the parse named it (a path, or the name given with a stream or buffer). */
    public String source() {
        return source;
    }

    /** The 1-based line of the error. */
    public long line() {
        return line;
    }

    /** The 1-based column of the error, in bytes of the document's encoding (expat's count plus one). */
    public long column() {
        return column;
    }

    /** Expat's {@code enum XML_Error} value, as in {@code dev.tunnel.expat.global.expat.XML_ERROR_SYNTAX}. */
    public int errorCode() {
        return errorCode;
    }

    /** Expat's message for {@link #errorCode()}, as {@code XML_ErrorString} gives it. */
    public String reason() {
        return reason;
    }
}
