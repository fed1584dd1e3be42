package dev.tunnel.expat;

import dev.tunnel.spi.EventBytes;
import dev.tunnel.spi.EventStrings;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The struct-of-functions form of {@link XmlHandler}, as C's {@code XML_SetElementHandler(parser,
 * start, end)} takes it: a function per event, and an event without one reaches expat as a NULL
 * handler. Immutable: each {@code on...} method returns a copy with that function set.
 *
 * <pre>{@code
 * int[] elements = {0};
 * XmlCallbacks callbacks = XmlCallbacks.none()
 *         .onStartElement((name, attributes) -> elements[0]++)
 *         .onCharacters(text -> System.out.print(text.getString()));
 * XmlParser.batched().parse(Path.of("doc.xml"), callbacks);
 * }</pre>
 */
public final class XmlCallbacks implements XmlHandler {
    /** A function of an element's start: its name and attributes. */
    @FunctionalInterface
    public interface StartElement {
        /** See {@link XmlHandler#startElement}. */
        void accept(EventBytes name, EventStrings attributes);
    }

    /** A function of one string of an event (a name, a piece of text). */
    @FunctionalInterface
    public interface Text {
        /** Called with the event's string, valid during the call. */
        void accept(EventBytes text);
    }

    /** A function of two strings of an event (a processing instruction, a namespace declaration). */
    @FunctionalInterface
    public interface TextPair {
        /** Called with the event's strings, valid during the call. */
        void accept(EventBytes first, EventBytes second);
    }

    /** A function of an event that carries nothing (a CDATA section's start or end). */
    @FunctionalInterface
    public interface Marker {
        /** Called when the event happens. */
        void run();
    }

    /** A function of the XML declaration. */
    @FunctionalInterface
    public interface Declaration {
        /** See {@link XmlHandler#xmlDeclaration}. */
        void accept(EventBytes version, EventBytes encoding, int standalone);
    }

    private static final XmlCallbacks NONE = new XmlCallbacks(new Object[XmlEvent.values().length]);

    private final Object[] functions;

    private XmlCallbacks(Object[] functions) {
        this.functions = functions;
    }

    /** No function at all: every event is a NULL handler. */
    public static XmlCallbacks none() {
        return NONE;
    }

    /** With {@code f} for {@link XmlHandler#startElement}. */
    public XmlCallbacks onStartElement(StartElement f) {
        return with(XmlEvent.START_ELEMENT, f);
    }

    /** With {@code f} for {@link XmlHandler#endElement}. */
    public XmlCallbacks onEndElement(Text f) {
        return with(XmlEvent.END_ELEMENT, f);
    }

    /** With {@code f} for {@link XmlHandler#characters}. */
    public XmlCallbacks onCharacters(Text f) {
        return with(XmlEvent.CHARACTERS, f);
    }

    /** With {@code f} for {@link XmlHandler#processingInstruction}: target, then data. */
    public XmlCallbacks onProcessingInstruction(TextPair f) {
        return with(XmlEvent.PROCESSING_INSTRUCTION, f);
    }

    /** With {@code f} for {@link XmlHandler#comment}. */
    public XmlCallbacks onComment(Text f) {
        return with(XmlEvent.COMMENT, f);
    }

    /** With {@code f} for {@link XmlHandler#startCdata}. */
    public XmlCallbacks onStartCdata(Marker f) {
        return with(XmlEvent.START_CDATA, f);
    }

    /** With {@code f} for {@link XmlHandler#endCdata}. */
    public XmlCallbacks onEndCdata(Marker f) {
        return with(XmlEvent.END_CDATA, f);
    }

    /** With {@code f} for {@link XmlHandler#startNamespace}: prefix, then URI. */
    public XmlCallbacks onStartNamespace(TextPair f) {
        return with(XmlEvent.START_NAMESPACE, f);
    }

    /** With {@code f} for {@link XmlHandler#endNamespace}. */
    public XmlCallbacks onEndNamespace(Text f) {
        return with(XmlEvent.END_NAMESPACE, f);
    }

    /** With {@code f} for {@link XmlHandler#xmlDeclaration}. */
    public XmlCallbacks onXmlDeclaration(Declaration f) {
        return with(XmlEvent.XML_DECLARATION, f);
    }

    private XmlCallbacks with(XmlEvent event, Object f) {
        Object[] copy = functions.clone();
        copy[event.ordinal()] = Objects.requireNonNull(f, "function");
        return new XmlCallbacks(copy);
    }

    /** The events with a function. */
    Set<XmlEvent> events() {
        Set<XmlEvent> events = EnumSet.noneOf(XmlEvent.class);
        for (XmlEvent e : XmlEvent.values()) {
            if (functions[e.ordinal()] != null) {
                events.add(e);
            }
        }
        return Collections.unmodifiableSet(events);
    }

    @Override
    public void startElement(EventBytes name, EventStrings attributes) {
        ((StartElement) functions[XmlEvent.START_ELEMENT.ordinal()]).accept(name, attributes);
    }

    @Override
    public void endElement(EventBytes name) {
        ((Text) functions[XmlEvent.END_ELEMENT.ordinal()]).accept(name);
    }

    @Override
    public void characters(EventBytes text) {
        ((Text) functions[XmlEvent.CHARACTERS.ordinal()]).accept(text);
    }

    @Override
    public void processingInstruction(EventBytes target, EventBytes data) {
        ((TextPair) functions[XmlEvent.PROCESSING_INSTRUCTION.ordinal()]).accept(target, data);
    }

    @Override
    public void comment(EventBytes text) {
        ((Text) functions[XmlEvent.COMMENT.ordinal()]).accept(text);
    }

    @Override
    public void startCdata() {
        ((Marker) functions[XmlEvent.START_CDATA.ordinal()]).run();
    }

    @Override
    public void endCdata() {
        ((Marker) functions[XmlEvent.END_CDATA.ordinal()]).run();
    }

    @Override
    public void startNamespace(EventBytes prefix, EventBytes uri) {
        ((TextPair) functions[XmlEvent.START_NAMESPACE.ordinal()]).accept(prefix, uri);
    }

    @Override
    public void endNamespace(EventBytes prefix) {
        ((Text) functions[XmlEvent.END_NAMESPACE.ordinal()]).accept(prefix);
    }

    @Override
    public void xmlDeclaration(EventBytes version, EventBytes encoding, int standalone) {
        ((Declaration) functions[XmlEvent.XML_DECLARATION.ordinal()]).accept(version, encoding, standalone);
    }

    /** Which events have a function. */
    @Override
    public String toString() {
        return "XmlCallbacks" + events();
    }
}
