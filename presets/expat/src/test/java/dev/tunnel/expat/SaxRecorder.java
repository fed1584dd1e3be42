package dev.tunnel.expat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * The JDK's own SAX parser, writing down its events as {@link EventRecorder} does: no namespace
 * processing (names as written, {@code xmlns} declarations as attributes, as expat without
 * namespaces), and nothing loaded from outside the document (no external DTD, no external
 * entities), as expat. Comments inside the DTD are written down too, as expat reports them.
 */
final class SaxRecorder extends DefaultHandler2 {
    private final List<String> events = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    /** The events of {@code document}; SAX's exception if it rejects it. */
    static List<String> events(byte[] document) throws SAXException, IOException {
        SaxRecorder recorder = new SaxRecorder();
        SAXParser parser = newParser();
        parser.getXMLReader().setProperty("http://xml.org/sax/properties/lexical-handler", recorder);
        parser.parse(new InputSource(new ByteArrayInputStream(document)), recorder);
        recorder.flush();
        return recorder.events;
    }

    private static SAXParser newParser() throws SAXException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return factory.newSAXParser();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        flush();
        events.add("S " + qName);
        for (int i = 0; i < attributes.getLength(); i++) {
            events.add("A " + attributes.getQName(i));
            events.add("V " + attributes.getValue(i));
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        flush();
        events.add("E " + qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        text.append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        text.append(ch, start, length);
    }

    @Override
    public void processingInstruction(String target, String data) {
        flush();
        events.add("P " + target);
        events.add("D " + data);
    }

    @Override
    public void comment(char[] ch, int start, int length) {
        flush();
        events.add("C " + new String(ch, start, length));
    }

    @Override
    public InputSource resolveEntity(String name, String publicId, String baseURI, String systemId) {
        // nothing from outside the document, even if a feature above were ignored
        return new InputSource(new ByteArrayInputStream(new byte[0]));
    }

    private void flush() {
        if (text.length() > 0) {
            events.add("T " + text);
            text.setLength(0);
        }
    }
}
