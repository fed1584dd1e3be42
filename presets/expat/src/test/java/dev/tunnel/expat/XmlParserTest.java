package dev.tunnel.expat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunnel.spi.EventBytes;
import dev.tunnel.spi.EventStrings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link XmlParser}'s events, inputs, errors and failures, with both deliveries. */
class XmlParserTest {
    static List<XmlParser> parsers() {
        // batches of the smallest size too: events straddle deliveries, long strings are lent
        return List.of(XmlParser.perEvent(), XmlParser.batched(), XmlParser.batched().withBatchBytes(4096));
    }

    private static final String DOCUMENT = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<!DOCTYPE r [<!ATTLIST e d CDATA \"defaulted\">]>\n"
            + "<?first pi data ?>\n"
            + "<r xmlns=\"urn:r\" xmlns:p=\"urn:p\"><e z=\"1\" a=\"2\" p:b=\"&lt;3&gt;\">h\u00e9llo\r\nw\u00f6rld &amp; <![CDATA[<raw>]]></e>"
            + "<!-- a comment --><p:x/>\u20ac\ud83d\ude00</r>\n";

    private static List<String> events(XmlParser parser, String document) throws IOException {
        EventRecorder recorder = new EventRecorder();
        parser.parse(ByteBuffer.wrap(document.getBytes(StandardCharsets.UTF_8)), "doc", recorder);
        return recorder.events();
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void everyEventInDocumentOrderWithAttributesAsWrittenThenDefaulted(XmlParser parser) throws IOException {
        assertEquals(List.of("P first", "D pi data ", "S r", "A xmlns", "V urn:r", "A xmlns:p", "V urn:p",
                "S e", "A z", "V 1", "A a", "V 2", "A p:b", "V <3>", "A d", "V defaulted",
                "T h\u00e9llo\nw\u00f6rld & <raw>", "E e", "C  a comment ", "S p:x", "E p:x", "T \u20ac\ud83d\ude00", "E r"),
                events(parser, DOCUMENT));
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void theXmlDeclarationCdataMarkersAndNamespaces(XmlParser parser) throws IOException {
        List<String> seen = new ArrayList<>();
        XmlHandler handler = new XmlHandler() {
            @Override
            public void xmlDeclaration(EventBytes version, EventBytes encoding, int standalone) {
                seen.add("decl " + version.getString() + " " + encoding.getString() + " " + standalone);
            }

            @Override
            public void startCdata() {
                seen.add("cdata");
            }

            @Override
            public void endCdata() {
                seen.add("/cdata");
            }

            @Override
            public void startNamespace(EventBytes prefix, EventBytes uri) {
                seen.add("ns " + (prefix == null ? "(default)" : prefix.getString()) + "=" + uri.getString());
            }

            @Override
            public void endNamespace(EventBytes prefix) {
                seen.add("/ns " + (prefix == null ? "(default)" : prefix.getString()));
            }

            @Override
            public void startElement(EventBytes name, EventStrings attributes) {
                StringBuilder s = new StringBuilder("<" + name.getString());
                for (int i = 0; i < attributes.size(); i++) {
                    s.append(' ').append(attributes.get(i).getString());
                }
                seen.add(s.toString());
            }
        };
        parser.withNamespaces('|').parse(ByteBuffer.wrap(DOCUMENT.getBytes(StandardCharsets.UTF_8)), "doc", handler);
        assertEquals(List.of("decl 1.0 UTF-8 1", "ns (default)=urn:r", "ns p=urn:p", "<urn:r|r",
                "<urn:r|e z 1 a 2 urn:p|b <3> d defaulted", "cdata", "/cdata", "<urn:p|x", "/ns p", "/ns (default)"), seen);
    }

    @Test
    void methodsNotOverriddenAreNullHandlersAndCallbacksHaveTheirOwn() {
        assertEquals(java.util.EnumSet.of(XmlEvent.START_ELEMENT), XmlEvent.wantedBy(new XmlHandler() {
            @Override
            public void startElement(EventBytes name, EventStrings attributes) {
            }
        }));
        assertEquals(java.util.EnumSet.noneOf(XmlEvent.class), XmlEvent.wantedBy(new XmlHandler() { }));
        XmlCallbacks callbacks = XmlCallbacks.none().onCharacters(t -> { }).onEndCdata(() -> { });
        assertEquals(java.util.EnumSet.of(XmlEvent.CHARACTERS, XmlEvent.END_CDATA), XmlEvent.wantedBy(callbacks));
        assertEquals(java.util.EnumSet.noneOf(XmlEvent.class), XmlEvent.wantedBy(XmlCallbacks.none()));
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void theStructOfFunctionsGetsItsEventsOnly(XmlParser parser) throws IOException {
        StringBuilder text = new StringBuilder();
        AtomicInteger elements = new AtomicInteger();
        parser.parse(ByteBuffer.wrap(DOCUMENT.getBytes(StandardCharsets.UTF_8)), "doc",
                XmlCallbacks.none().onStartElement((name, atts) -> elements.incrementAndGet()).onCharacters(t -> text.append(t.getString())));
        assertEquals(3, elements.get());
        assertEquals("h\u00e9llo\nw\u00f6rld & <raw>\u20ac\ud83d\ude00", text.toString());
    }

    /** Each characters call's text, and what else the handler saw between them. */
    private static List<String> pieces(XmlParser parser, String document, boolean ends) throws IOException {
        List<String> seen = new ArrayList<>();
        XmlCallbacks callbacks = XmlCallbacks.none().onStartElement((name, atts) -> seen.add("<" + name.getString() + ">"))
                .onCharacters(t -> seen.add(t.getString()));
        parser.parse(ByteBuffer.wrap(document.getBytes(StandardCharsets.UTF_8)), "doc",
                ends ? callbacks.onEndElement(name -> seen.add("</" + name.getString() + ">")) : callbacks);
        return seen;
    }

    @Test
    void batchedTextComesInOnePieceUntilAnEventTheHandlerGetsSeparatesIt() throws IOException {
        String document = "<r>one\ntwo &amp; three\n<e>four</e>five\nsix</r>";
        // per event, as expat splits it: at each line end and reference
        assertEquals(List.of("<r>", "one", "\n", "two ", "&", " three", "\n", "<e>", "four", "</e>", "five", "\n", "six", "</r>"),
                pieces(XmlParser.perEvent(), document, true));
        assertEquals(List.of("<r>", "one\ntwo & three\n", "<e>", "four", "</e>", "five\nsix", "</r>"),
                pieces(XmlParser.batched(), document, true));
        // without end elements, nothing the handler receives separates the text either side of </e>
        assertEquals(List.of("<r>", "one\ntwo & three\n", "<e>", "fourfive\nsix"), pieces(XmlParser.batched(), document, false));
        // a piece too large to copy into the batch is lent to the handler on its own, with no loss
        String large = "x".repeat(3000);
        assertEquals(List.of("<r>", "a\n", large, "\nb"), pieces(XmlParser.batched().withBatchBytes(4096), "<r>a\n" + large + "\nb</r>", false));
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void eventsCostNoAllocationOfTheirOwn(XmlParser parser) throws IOException {
        StringBuilder document = new StringBuilder("<r>");
        for (int i = 0; i < 2000; i++) {
            document.append("<e a=\"").append(i).append("\" b=\"value\">text ").append(i).append("\nmore &amp; more</e>\n");
        }
        byte[] utf8 = document.append("</r>").toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocateDirect(utf8.length).put(utf8).flip();
        long[] events = new long[1];
        long[] read = new long[1]; // each view is read, so that its bytes must really be there
        XmlHandler handler = new XmlHandler() {
            @Override
            public void startElement(EventBytes name, EventStrings attributes) {
                events[0]++;
                read[0] += name.byteAt(0) + (attributes.size() > 0 ? attributes.get(0).length() : 0);
            }

            @Override
            public void endElement(EventBytes name) {
                events[0]++;
                read[0] += name.byteAt(0);
            }

            @Override
            public void characters(EventBytes text) {
                events[0]++;
                read[0] += text.byteAt(0);
            }
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long perEvent = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) { // the least of five: the first parses load classes and compile
            events[0] = 0;
            long before = threads.getCurrentThreadAllocatedBytes();
            parser.parse(bytes.duplicate(), "doc", handler);
            perEvent = Math.min(perEvent, (threads.getCurrentThreadAllocatedBytes() - before) / events[0]);
        }
        // batched: nothing; per event: the generated gateway's views of C's pointers, no copy or wrapper of their bytes
        long most = parser.isBatched() ? 8 : 64;
        assertTrue(perEvent < most, parser + ": " + perEvent + " bytes per event, more than " + most);
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void aMalformedDocumentNamesTheSourceLineColumnAndExpatsMessage(XmlParser parser, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.xml");
        Files.writeString(file, "<r>\n  <a>text</b>\n</r>\n");
        EventRecorder recorder = new EventRecorder();
        XmlParseException e = assertThrows(XmlParseException.class, () -> parser.parse(file, recorder));
        assertEquals(file + ": error at line 2, column 12: mismatched tag", e.getMessage());
        assertEquals(file.toString(), e.source());
        assertEquals(2, e.line());
        assertEquals(12, e.column());
        assertEquals(dev.tunnel.expat.global.expat.XML_ERROR_TAG_MISMATCH, e.errorCode());
        assertEquals("mismatched tag", e.reason());
        // the events before the error were delivered
        assertEquals(List.of("S r", "T \n  ", "S a", "T text"), recorder.events());
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void aMissingFileIsNoSuchFile(XmlParser parser, @TempDir Path dir) {
        Path missing = dir.resolve("missing.xml");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> parser.parse(missing, new EventRecorder()));
        assertEquals(missing.toString(), e.getFile());
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void theHandlersThrowableStopsTheParseAndIsRethrownAsTheSameInstance(XmlParser parser) {
        StringBuilder doc = new StringBuilder("<r>");
        for (int i = 0; i < 100_000; i++) {
            doc.append("<e n=\"").append(i).append("\">t</e>");
        }
        doc.append("</r>");
        IllegalStateException thrown = new IllegalStateException("stop at 1000");
        AtomicInteger calls = new AtomicInteger();
        XmlHandler handler = new XmlHandler() {
            @Override
            public void startElement(EventBytes name, EventStrings attributes) {
                if (calls.incrementAndGet() == 1000) {
                    throw thrown;
                }
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> parser.parse(ByteBuffer.wrap(doc.toString().getBytes(StandardCharsets.UTF_8)), "doc", handler));
        assertSame(thrown, e);
        assertEquals(1000, calls.get(), "no event after the failure");
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void aCheckedExceptionOfTheHandlerIsRethrownToo(XmlParser parser) {
        IOException thrown = new IOException("the handler's own");
        XmlHandler handler = new XmlHandler() {
            @Override
            public void comment(EventBytes text) {
                throw sneaky(thrown);
            }
        };
        IOException e = assertThrows(IOException.class,
                () -> parser.parse(ByteBuffer.wrap("<r><!--x--><!--y--></r>".getBytes(StandardCharsets.UTF_8)), "doc", handler));
        assertSame(thrown, e);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void aViewKeptPastItsCallRefusesUse(XmlParser parser) throws IOException {
        List<EventBytes> kept = new ArrayList<>();
        parser.parse(ByteBuffer.wrap("<r><a/></r>".getBytes(StandardCharsets.UTF_8)), "doc", new XmlHandler() {
            @Override
            public void endElement(EventBytes name) {
                kept.add(name);
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get(1).getString());
        assertTrue(e.getMessage().contains("the name argument of a XML_EndElementHandler event was used after its handler returned"),
                e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void billionLaughsEndsInAnAmplificationError(XmlParser parser) {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            doc.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                doc.append("&lol").append(i - 1).append(';');
            }
            doc.append("\">\n");
        }
        doc.append("]>\n<lolz>&lol9;</lolz>\n");
        long[] text = {0};
        XmlParseException e = assertThrows(XmlParseException.class, () -> parser.parse(
                ByteBuffer.wrap(doc.toString().getBytes(StandardCharsets.UTF_8)), "lolz.xml",
                XmlCallbacks.none().onCharacters(t -> text[0] += t.length())));
        assertEquals(dev.tunnel.expat.global.expat.XML_ERROR_AMPLIFICATION_LIMIT_BREACH, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("lolz.xml: error at line "), e.getMessage());
        assertTrue(text[0] < 64L << 20, "stopped before expanding 3 GB: " + text[0] + " bytes of text delivered");
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void quadraticBlowupEndsInAnAmplificationError(XmlParser parser) {
        // one 100 kB entity referenced 100,000 times: 10 GB of text from 600 kB of input
        String big = "x".repeat(100_000);
        String doc = "<!DOCTYPE r [<!ENTITY a \"" + big + "\">]><r>" + "&a;".repeat(100_000) + "</r>";
        XmlParseException e = assertThrows(XmlParseException.class, () -> parser.parse(
                ByteBuffer.wrap(doc.getBytes(StandardCharsets.UTF_8)), "quadratic.xml", XmlCallbacks.none().onCharacters(t -> { })));
        assertEquals(dev.tunnel.expat.global.expat.XML_ERROR_AMPLIFICATION_LIMIT_BREACH, e.errorCode(), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void externalEntitiesAndDtdsAreNeverRead(XmlParser parser, @TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "SECRET");
        Path dtd = dir.resolve("evil.dtd");
        Files.writeString(dtd, "<!ENTITY leak SYSTEM \"" + secret.toUri() + "\"><!ATTLIST r injected CDATA \"yes\">");
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"" + dtd.toUri() + "\" [\n"
                + "<!ENTITY ext SYSTEM \"" + secret.toUri() + "\">\n<!ENTITY % pe SYSTEM \"" + dtd.toUri() + "\">\n%pe;\n]>\n"
                + "<r>before &ext; after</r>\n";
        List<String> events = events(parser, doc);
        assertEquals(List.of("S r", "T before  after", "E r"), events);
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void aStreamIsReadAChunkAtATime(XmlParser parser) throws IOException {
        // 64 MB of document that never exists whole: generated as it is read
        int elements = 1_000_000;
        byte[] element = "<item id=\"12345\">some text of an item</item>\n".getBytes(StandardCharsets.US_ASCII);
        InputStream in = new InputStream() {
            private int produced = -1;
            private int at;
            private byte[] current = "<list>\n".getBytes(StandardCharsets.US_ASCII);
            int largestRead;

            @Override
            public int read() {
                throw new AssertionError("the parser reads in chunks");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                largestRead = Math.max(largestRead, len);
                assertTrue(len <= 64 * 1024, "a read of " + len + " bytes");
                if (at == current.length) {
                    if (produced == elements) {
                        return -1;
                    }
                    produced++;
                    current = produced == elements ? "</list>\n".getBytes(StandardCharsets.US_ASCII) : element;
                    at = 0;
                }
                int n = Math.min(len, current.length - at);
                System.arraycopy(current, at, b, off, n);
                at += n;
                return n;
            }
        };
        long[] counts = new long[2];
        parser.parse(in, "generated", XmlCallbacks.none().onStartElement((n, a) -> counts[0]++).onCharacters(t -> counts[1] += t.length()));
        assertEquals(elements + 1, counts[0]);
        assertEquals(1 + elements * ("some text of an item".length() + 1L), counts[1]);
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void directAndHeapBuffersAndFilesGiveTheSameEvents(XmlParser parser, @TempDir Path dir) throws IOException {
        byte[] bytes = DOCUMENT.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("doc.xml");
        Files.write(file, bytes);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 10);
        direct.position(10);
        direct.put(bytes).position(10);
        EventRecorder fromDirect = new EventRecorder();
        parser.parse(direct, "direct", fromDirect);
        assertEquals(10, direct.position(), "the buffer's position is left alone");
        EventRecorder fromFile = new EventRecorder();
        parser.withChunkBytes(7).parse(file, fromFile);
        EventRecorder fromStream = new EventRecorder();
        parser.withChunkBytes(1).parse(new ByteArrayInputStream(bytes), "stream", fromStream);
        assertEquals(events(parser, DOCUMENT), fromDirect.events());
        assertEquals(fromDirect.events(), fromFile.events());
        assertEquals(fromDirect.events(), fromStream.events());
    }

    @Test
    void badOptionsNameTheValue() {
        assertEquals("namespace separator U+0000: expat takes one ASCII character other than NUL",
                assertThrows(IllegalArgumentException.class, () -> XmlParser.batched().withNamespaces('\0')).getMessage());
        assertEquals("namespace separator U+00E9: expat takes one ASCII character other than NUL",
                assertThrows(IllegalArgumentException.class, () -> XmlParser.batched().withNamespaces('\u00e9')).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> XmlParser.batched().withBatchBytes(100)).getMessage()
                .startsWith("batch of 100 bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> XmlParser.batched().withChunkBytes(0)).getMessage()
                .startsWith("chunk of 0 bytes"));
        assertEquals("XmlParser[batched, 65536 B, chunks of 65536 B]", XmlParser.batched().toString());
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void manyParsesLeaveNothingOpen(XmlParser parser) throws IOException {
        // each parse frees its parser and closes its scope or batch: thousands in a row, failures among them
        for (int i = 0; i < 5000; i++) {
            try {
                parser.parse(ByteBuffer.wrap(("<r a=\"" + i + "\">" + (i % 3 == 0 ? "</x>" : "</r>")).getBytes(StandardCharsets.UTF_8)),
                        "doc" + i, new EventRecorder());
            } catch (XmlParseException e) {
                assertEquals(0, i % 3, e.getMessage());
            }
        }
    }
}
