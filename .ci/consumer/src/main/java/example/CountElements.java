package example;

import dev.tunnel.expat.XmlHandler;
import dev.tunnel.expat.XmlParser;
import dev.tunnel.spi.EventBytes;
import dev.tunnel.spi.EventStrings;
import java.nio.file.Path;

/** Counts the elements of an XML file with libexpat through Tunnel, per event and batched, as a user of expat-platform would. */
public class CountElements {
    public static void main(String[] args) throws Exception {
        long perEvent = count(XmlParser.perEvent(), Path.of(args[0]));
        long batched = count(XmlParser.batched(), Path.of(args[0]));
        System.out.println("elements: " + perEvent + ", batched: " + (batched == perEvent ? "the same" : batched));
    }

    private static long count(XmlParser parser, Path file) throws Exception {
        long[] elements = {0};
        parser.parse(file, new XmlHandler() {
            @Override
            public void startElement(EventBytes name, EventStrings attributes) {
                elements[0]++;
            }
        });
        return elements[0];
    }
}
