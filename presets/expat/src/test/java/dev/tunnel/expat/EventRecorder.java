package dev.tunnel.expat;

import dev.tunnel.spi.EventBytes;
import dev.tunnel.spi.EventStrings;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link XmlHandler} that writes down every event as strings, in the form {@link SaxRecorder}
 * writes the JDK's SAX events, so the two lists can be compared: {@code "S name"}, then
 * {@code "A name"} and {@code "V value"} per attribute, {@code "E name"}, {@code "T text"} for the
 * character data between two other events (however the parser split it), {@code "P target"}
 * and {@code "D data"}, {@code "C comment"}.
 */
class EventRecorder implements XmlHandler {
    final List<String> events = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    public void startElement(EventBytes name, EventStrings attributes) {
        flush();
        events.add("S " + name.getString());
        for (int i = 0; i < attributes.size(); i += 2) {
            events.add("A " + attributes.get(i).getString());
            events.add("V " + attributes.get(i + 1).getString());
        }
    }

    @Override
    public void endElement(EventBytes name) {
        flush();
        events.add("E " + name.getString());
    }

    @Override
    public void characters(EventBytes bytes) {
        text.append(bytes.getString());
    }

    @Override
    public void processingInstruction(EventBytes target, EventBytes data) {
        flush();
        events.add("P " + target.getString());
        events.add("D " + data.getString());
    }

    @Override
    public void comment(EventBytes comment) {
        flush();
        events.add("C " + comment.getString());
    }

    /** The events, the text after the last other event included. */
    List<String> events() {
        flush();
        return events;
    }

    private void flush() {
        if (text.length() > 0) {
            events.add("T " + text);
            text.setLength(0);
        }
    }
}
