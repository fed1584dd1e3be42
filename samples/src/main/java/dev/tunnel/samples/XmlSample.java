package dev.tunnel.samples;

import dev.tunnel.expat.XmlHandler;
import dev.tunnel.expat.XmlParseException;
import dev.tunnel.expat.XmlParser;
import dev.tunnel.spi.EventBytes;
import dev.tunnel.spi.EventStrings;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code xml [--batched] FILE...}: one line per file, {@code FILE: elements E, attributes A, text T},
 * parsed by libexpat through Tunnel, one upcall per event or with {@code --batched} a batch of
 * events at a time.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar xml --batched pom.xml broken.xml
 * pom.xml: elements 412, attributes 3, text 10240
 * broken.xml: error at line 3, column 7: mismatched tag
 * }</pre>
 *
 * <p>E counts start tags; A the attributes expat reports, those the DTD's internal subset
 * defaults included, namespace declarations ({@code xmlns}, {@code xmlns:p}) not; T the UTF-8
 * bytes of character data inside the root element, CDATA sections' included, markup excluded,
 * line ends normalized (CR LF and CR read as LF), as XML requires. A file that cannot be read or
 * parsed gets its error on its line instead, and the next file follows; the exit status is 1 if
 * any file failed.
 */
final class XmlSample implements Sample {
    @Override
    public String name() {
        return "xml";
    }

    @Override
    public String arguments() {
        return "[--batched] FILE...";
    }

    @Override
    public String description() {
        return "each XML FILE's elements, attributes and text bytes, parsed by libexpat (--batched: events batched)";
    }

    @Override
    public void run(List<String> args) throws Exception {
        boolean batched = !args.isEmpty() && args.get(0).equals("--batched");
        List<String> files = batched ? args.subList(1, args.size()) : args;
        if (files.isEmpty()) {
            throw new UsageException("expected at least one FILE");
        }
        XmlParser parser = batched ? XmlParser.batched() : XmlParser.perEvent();
        boolean failed = false;
        for (String file : files) {
            Counts counts = new Counts();
            try {
                parser.parse(Path.of(file), counts);
                System.out.println(file + ": elements " + counts.elements + ", attributes " + counts.attributes + ", text " + counts.text);
            } catch (XmlParseException e) {
                System.out.println(e.getMessage());
                failed = true;
            } catch (FileSystemException e) {
                System.out.println(Samples.describe(e));
                failed = true;
            } catch (IOException e) {
                System.out.println(file + ": " + e.getMessage());
                failed = true;
            }
        }
        if (failed) {
            throw new Exit(1, null);
        }
    }

    /** What the sample counts; text is only reported inside the root element, so all of it counts. */
    static final class Counts implements XmlHandler {
        long elements;
        long attributes;
        long text;

        @Override
        public void startElement(EventBytes name, EventStrings atts) {
            elements++;
            for (int i = 0; i < atts.size(); i += 2) {
                if (!isNamespaceDeclaration(atts.get(i))) {
                    attributes++;
                }
            }
        }

        @Override
        public void characters(EventBytes bytes) {
            text += bytes.length();
        }

        /** {@code xmlns} or {@code xmlns:...}. */
        private static boolean isNamespaceDeclaration(EventBytes name) {
            int n = name.length();
            if (n < 5 || (n > 5 && name.byteAt(5) != ':')) {
                return false;
            }
            return name.byteAt(0) == 'x' && name.byteAt(1) == 'm' && name.byteAt(2) == 'l' && name.byteAt(3) == 'n'
                    && name.byteAt(4) == 's';
        }
    }
}
