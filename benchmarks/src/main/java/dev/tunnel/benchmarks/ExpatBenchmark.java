package dev.tunnel.benchmarks;

import com.ctc.wstx.stax.WstxInputFactory;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import dev.tunnel.benchmarks.peers.ExpatFloor;
import dev.tunnel.expat.XmlHandler;
import dev.tunnel.expat.XmlParser;
import dev.tunnel.spi.EventBytes;
import dev.tunnel.spi.EventStrings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.bytedeco.javacpp.BytePointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A real XML document parsed whole, in memory, by six parsers in the same run, each computing the
 * same {@link XmlChecksum} (element names, attributes and text, as UTF-8): Tunnel's
 * {@link XmlParser}, batched and per event, over a direct buffer; expat driven from C alone, the
 * floor ({@link ExpatFloor}); the JDK's SAX parser, Woodstox and Aalto over a {@code byte[]}.
 * {@code @Setup} fails unless all six agree, on the document and on a small probe of prefixes,
 * CDATA and 2- to 4-byte characters.
 *
 * <p>Documents, from Debian packages: {@code mime}, shared-mime-info's freedesktop.org.xml
 * (2.4 MB, text-heavy: translated comments, each with an {@code xml:lang}), and
 * {@code isocodes}, iso-codes' iso_639-3.xml (1 MB, attribute-heavy: empty elements of 6 to 9
 * attributes). Scores are µs per document: its size in bytes divided by the score is MB/s
 * (10<sup>6</sup> bytes); the score times 1000 divided by the events {@code @Setup} prints to
 * stderr (start elements + attributes + pieces of text, as expat reports them) is ns per event.
 *
 * <p>Aalto is always namespace-aware (it ignores {@code IS_NAMESPACE_AWARE = false}) and applies
 * no attribute defaults from the DTD, which expat, the JDK and Woodstox (with
 * {@code SUPPORT_DTD}) do for freedesktop.org.xml's {@code glob}, {@code magic} and
 * {@code treemagic} elements without {@code weight} or {@code priority} (1,465 of its 44,191
 * attributes): its checksum is checked against expat's over the attributes the document
 * specifies ({@code XML_GetSpecifiedAttributeCount}), which for iso_639-3.xml is the same.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ExpatBenchmark
 * java -jar benchmarks/target/benchmarks.jar ExpatBenchmark -p document=isocodes -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ExpatBenchmark {
    private static final Map<String, Path> DOCUMENTS = Map.of(
            "mime", Path.of("/usr/share/mime/packages/freedesktop.org.xml"),
            "isocodes", Path.of("/usr/share/xml/iso-codes/iso_639-3.xml"));
    private static final Map<String, String> PACKAGES = Map.of("mime", "shared-mime-info", "isocodes", "iso-codes");

    /** Prefixed names (Woodstox reports them whole, Aalto apart), CDATA, 2-, 3- and 4-byte UTF-8, text outside the root. */
    private static final String PROBE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- probe -->\n"
            + "<p:root xmlns:p=\"urn:p\" xmlns=\"urn:d\" p:a=\"1\" b=\"x &amp; y\">\n"
            + "  <p:e>caf\u00e9 &lt;\u20ac\uD83D\uDE00&gt; <![CDATA[<cdata> \u00fc]]></p:e><e p:x=\"\u20ac\uD83D\uDE00\"/>\n"
            + "</p:root>\n";

    private static final XmlParser BATCHED = XmlParser.batched();
    private static final XmlParser PER_EVENT = XmlParser.perEvent();

    @Param({"mime", "isocodes"})
    public String document;

    String name;
    byte[] bytes;
    ByteBuffer direct;
    BytePointer directPointer;
    SAXParser sax;
    XMLInputFactory woodstox;
    XMLInputFactory aalto;

    final TunnelChecksum tunnelHandler = new TunnelChecksum();
    final SaxChecksum saxHandler = new SaxChecksum();
    final XmlChecksum staxSum = new XmlChecksum();

    /** Hashes what Tunnel lends, in place ({@link XmlChecksum#bytes}), and nothing else. */
    static final class TunnelChecksum implements XmlHandler {
        final XmlChecksum sum = new XmlChecksum();

        @Override
        public void startElement(EventBytes name, EventStrings attributes) {
            sum.element();
            sum.bytes(name);
            for (int i = 0, n = attributes.size(); i < n; i++) {
                sum.bytes(attributes.get(i));
            }
        }

        @Override
        public void characters(EventBytes text) {
            sum.bytes(text);
        }
    }

    /** The same from SAX's strings and char arrays; without namespaces, qName is the name as written. */
    static final class SaxChecksum extends DefaultHandler {
        final XmlChecksum sum = new XmlChecksum();

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            sum.element();
            sum.chars(qName);
            for (int i = 0, n = attributes.getLength(); i < n; i++) {
                sum.chars(attributes.getQName(i));
                sum.chars(attributes.getValue(i));
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            sum.chars(ch, start, length);
        }

        // whitespace in element content, which a DTD makes ignorable: still character data to expat
        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            sum.chars(ch, start, length);
        }
    }

    @Setup(Level.Trial)
    public void read() throws Exception {
        Path file = DOCUMENTS.get(document);
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalStateException("ExpatBenchmark: document " + document + (file == null ? " is unknown"
                    : ": " + file + " is missing (Debian package " + PACKAGES.get(document) + ")"));
        }
        name = file.toString();
        bytes = Files.readAllBytes(file);
        direct = directCopy(bytes);
        directPointer = new BytePointer(direct);

        // created once: factory lookup and configuration are not what is measured
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        sax = factory.newSAXParser();
        woodstox = stax(new WstxInputFactory());
        aalto = stax(new InputFactoryImpl());

        verify("the probe", PROBE.getBytes(StandardCharsets.UTF_8));
        long[] checksums = verify(name, bytes);
        long[] events = countEvents();
        System.err.printf("ExpatBenchmark %s: %s, %d bytes, %d events (%d start elements + %d attributes + %d pieces of text),"
                + " checksum %d (%d over the attributes the document specifies)%n", document, name, bytes.length,
                events[0] + events[1] + events[2], events[0], events[1], events[2], checksums[0], checksums[1]);
    }

    /**
     * The StAX settings of both: no namespaces (Aalto ignores it), no coalescing, the internal
     * DTD subset processed (for its attribute defaults, as expat does) but nothing external read.
     */
    private static XMLInputFactory stax(XMLInputFactory factory) {
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("ExpatBenchmark reads no external entity: " + systemId);
        });
        return factory;
    }

    private static ByteBuffer directCopy(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /** Each parser's checksum of {@code doc}, which must be expat's; returns it, and expat's over specified attributes. */
    private long[] verify(String docName, byte[] doc) throws Exception {
        ByteBuffer docDirect = directCopy(doc);
        BytePointer docPointer = new BytePointer(docDirect);
        long expected = ExpatFloor.bench_expat_checksum(docPointer, doc.length, false);
        long specified = ExpatFloor.bench_expat_checksum(docPointer, doc.length, true);
        if (expected < 0) {
            throw new IllegalStateException("ExpatBenchmark: expat rejects " + docName + ": error " + -expected);
        }
        Map<String, Long> got = new LinkedHashMap<>();
        got.put("tunnelBatched", tunnel(BATCHED, docDirect, docName));
        got.put("tunnelPerEvent", tunnel(PER_EVENT, docDirect, docName));
        got.put("jdkSax", sax(doc));
        got.put("woodstox", stax(woodstox, doc));
        got.put("aalto", stax(aalto, doc));
        for (Map.Entry<String, Long> e : got.entrySet()) {
            // Aalto applies no DTD attribute defaults (see the class comment)
            if (e.getValue() != (e.getKey().equals("aalto") ? specified : expected)) {
                throw new IllegalStateException("ExpatBenchmark: checksums of " + docName + " differ from expat's " + expected + " ("
                        + specified + " over the attributes the document specifies): " + got);
            }
        }
        return new long[] {expected, specified};
    }

    /** Start elements, attributes and pieces of text, as expat reports them (through Tunnel, whose expat it is). */
    private long[] countEvents() throws IOException {
        long[] events = new long[3];
        BATCHED.parse(direct, name, new XmlHandler() {
            @Override
            public void startElement(EventBytes name, EventStrings attributes) {
                events[0]++;
                events[1] += attributes.size() / 2;
            }

            @Override
            public void characters(EventBytes text) {
                events[2]++;
            }
        });
        return events;
    }

    @Benchmark
    public long tunnelBatched() throws IOException {
        return tunnel(BATCHED, direct, name);
    }

    @Benchmark
    public long tunnelPerEvent() throws IOException {
        return tunnel(PER_EVENT, direct, name);
    }

    /** The floor: one downcall, then expat and its C handlers alone. */
    @Benchmark
    public long expatFromC() {
        return ExpatFloor.bench_expat_checksum(directPointer, bytes.length, false);
    }

    @Benchmark
    public long jdkSax() throws Exception {
        return sax(bytes);
    }

    @Benchmark
    public long woodstox() throws XMLStreamException {
        return stax(woodstox, bytes);
    }

    @Benchmark
    public long aalto() throws XMLStreamException {
        return stax(aalto, bytes);
    }

    private long tunnel(XmlParser parser, ByteBuffer doc, String docName) throws IOException {
        tunnelHandler.sum.reset();
        parser.parse(doc, docName, tunnelHandler);
        return tunnelHandler.sum.value();
    }

    private long sax(byte[] doc) throws Exception {
        saxHandler.sum.reset();
        sax.parse(new ByteArrayInputStream(doc), saxHandler); // the parser resets its reader for each parse
        return saxHandler.sum.value();
    }

    /**
     * The checksum from a StAX reader's events, text from its own char array. Without namespaces
     * (Woodstox) the local name is the name as written; with them (Aalto) the prefix comes apart
     * and {@code xmlns} attributes come as declarations, hashed as attributes ahead of the others
     * (where the documents have them).
     */
    private long stax(XMLInputFactory factory, byte[] doc) throws XMLStreamException {
        XmlChecksum sum = staxSum;
        sum.reset();
        XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(doc));
        for (int depth = 0; reader.hasNext(); ) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT:
                    depth++;
                    sum.element();
                    sum.name(reader.getPrefix(), reader.getLocalName());
                    for (int i = 0, n = reader.getNamespaceCount(); i < n; i++) {
                        String prefix = reader.getNamespacePrefix(i);
                        boolean unprefixed = prefix == null || prefix.isEmpty();
                        sum.name(unprefixed ? null : "xmlns", unprefixed ? "xmlns" : prefix);
                        sum.chars(reader.getNamespaceURI(i));
                    }
                    for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
                        sum.name(reader.getAttributePrefix(i), reader.getAttributeLocalName(i));
                        sum.chars(reader.getAttributeValue(i));
                    }
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    depth--;
                    break;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    if (depth > 0) { // expat reports no text outside the root element
                        sum.chars(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                    }
                    break;
                default:
                    break;
            }
        }
        reader.close();
        return sum.value();
    }
}
