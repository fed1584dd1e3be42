package dev.tunnel.expat;

import dev.tunnel.spi.EventBytes;
import dev.tunnel.spi.EventStrings;

/**
 * What an {@link XmlParser} calls for the events expat reports, in document order. Every method
 * has an empty default; a method a handler does not override reaches expat as a NULL handler, so
 * expat does not even report that event (a handler of elements only costs nothing for text).
 *
 * <pre>{@code
 * class Titles implements XmlHandler {
 *     final List<String> titles = new ArrayList<>();
 *     private boolean inTitle;
 *
 *     public void startElement(EventBytes name, EventStrings attributes) {
 *         inTitle = name.contentEquals("title");            // compares UTF-8 bytes, no copy
 *     }
 *     public void characters(EventBytes text) {
 *         if (inTitle) titles.add(text.getString());          // a copy: the view is lent
 *     }
 *     public void endElement(EventBytes name) { inTitle = false; }
 * }
 * XmlParser.batched().parse(Path.of("feed.xml"), new Titles());
 * }</pre>
 *
 * <p>Names and text arrive as {@link EventBytes}: expat's UTF-8, whatever the document's
 * encoding, with line ends normalized as XML requires. A view is valid during its call only and is
 * reused for the next event, so copy what you keep ({@link EventBytes#getString()}). Attributes
 * arrive as an {@link EventStrings} of name, value, name, value: those the document specifies,
 * in document order, then those its DTD's internal subset defaults. The same handler works with
 * either delivery ({@link XmlParser#perEvent()}, {@link XmlParser#batched()}); batched, events
 * reach it up to one batch after expat found them, on the parsing thread, before
 * {@code parse} returns.
 *
 * <p>Whatever a method throws stops the parse: expat is stopped, no later event is delivered,
 * and {@code parse} rethrows the same instance after the parser was freed.
 */
public interface XmlHandler {
    /**
     * An element starts. Without namespaces, {@code name} is the qualified name as written and
     * {@code xmlns} declarations are attributes; with {@link XmlParser#withNamespaces(char)} it
     * is {@code uri + separator + localName} (just the local name when unqualified) and
     * declarations are reported through {@link #startNamespace} instead.
     */
    default void startElement(EventBytes name, EventStrings attributes) {
    }

    /** An element ends (also right after {@link #startElement} for an empty element). */
    default void endElement(EventBytes name) {
    }

    /**
     * Character data: a piece of it, CDATA sections' content included. Where one piece ends and
     * the next begins means nothing, as with SAX: per event, expat splits text at line ends,
     * references and its buffer's end; batched, the pieces expat reports one after another with
     * no other event this handler receives between them come as one call (so a handler without
     * {@link #endElement} may get the text on both sides of an end tag in one piece).
     */
    default void characters(EventBytes text) {
    }

    /** A processing instruction {@code <?target data?>}; the XML declaration is not one. */
    default void processingInstruction(EventBytes target, EventBytes data) {
    }

    /** A comment's text, without {@code <!--} and {@code -->}. */
    default void comment(EventBytes text) {
    }

    /** A CDATA section starts; its text follows through {@link #characters}. */
    default void startCdata() {
    }

    /** A CDATA section ends. */
    default void endCdata() {
    }

    /**
     * A namespace declaration comes into scope, before the {@link #startElement} of the element
     * that declares it; only with {@link XmlParser#withNamespaces(char)}. {@code prefix} is
     * {@code null} for the default namespace, {@code uri} {@code null} when it is undeclared.
     */
    default void startNamespace(EventBytes prefix, EventBytes uri) {
    }

    /** A namespace declaration goes out of scope, after its element's {@link #endElement}. */
    default void endNamespace(EventBytes prefix) {
    }

    /**
     * The XML declaration ({@code <?xml version="1.0" ...?>}), or a text declaration of an external
     * entity. {@code version} is {@code null} only for the latter, {@code encoding} when none is
     * given; {@code standalone} is 1 for {@code yes}, 0 for {@code no}, -1 when not given.
     */
    default void xmlDeclaration(EventBytes version, EventBytes encoding, int standalone) {
    }
}
