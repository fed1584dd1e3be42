package dev.tunnel.expat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * Expat through Tunnel against the JDK's own SAX parser, over a real corpus: every {@code .pom} of
 * the local Maven repository and every {@code .xml} under {@code /usr/share}. For each file the
 * event streams (element names, attributes in order, character data between markup, processing
 * instructions, comments) must be equal, batched from the file and per event from a stream, and
 * a file one parser rejects must be rejected by the other.
 */
class SaxCorpusTest {
    static List<Path> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        files.addAll(find(Path.of(System.getProperty("user.home"), ".m2", "repository"), ".pom"));
        files.addAll(find(Path.of("/usr/share"), ".xml"));
        return files;
    }

    private static List<Path> find(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p) && Files.isReadable(p))
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void expatReportsWhatTheJdksSaxParserReportsForEveryFileOfTheCorpus() throws IOException {
        List<Path> files = corpus();
        assertTrue(files.size() > 100, "a corpus of " + files.size() + " files: ~/.m2/repository and /usr/share hold more");
        List<String> differences = new ArrayList<>();
        long events = 0;
        long bytes = 0;
        int rejectedByBoth = 0;
        for (Path file : files) {
            byte[] document = Files.readAllBytes(file);
            bytes += document.length;
            List<String> sax;
            String saxError = null;
            try {
                sax = SaxRecorder.events(document);
            } catch (SAXException e) {
                sax = null;
                saxError = e.getMessage();
            }
            EventRecorder batched = new EventRecorder();
            EventRecorder perEvent = new EventRecorder();
            String expatError = null;
            try {
                XmlParser.batched().parse(file, batched);
            } catch (XmlParseException e) {
                expatError = e.getMessage();
            }
            try {
                XmlParser.perEvent().parse(new ByteArrayInputStream(document), file.toString(), perEvent);
                assertEquals(null, expatError, file + ": rejected batched, accepted per event");
            } catch (XmlParseException e) {
                assertEquals(expatError, e.getMessage(), file + ": the two deliveries disagree on the error");
            }
            assertEquals(batched.events(), perEvent.events(), file + ": the two deliveries disagree");
            if (sax == null && expatError == null) {
                differences.add(file + ": rejected by SAX only: " + saxError);
            } else if (sax != null && expatError != null) {
                differences.add(file + ": rejected by expat only: " + expatError);
            } else if (sax == null) {
                rejectedByBoth++;
            } else if (!sax.equals(batched.events())) {
                differences.add(file + ": events differ: " + firstDifference(sax, batched.events()));
            } else {
                events += sax.size();
            }
        }
        System.out.printf("SaxCorpusTest: %d files (%d bytes), %d events equal, %d rejected by both, %d differences%n",
                files.size(), bytes, events, rejectedByBoth, differences.size());
        assertEquals(List.of(), differences);
    }

    private static String firstDifference(List<String> sax, List<String> expat) {
        for (int i = 0; i < Math.min(sax.size(), expat.size()); i++) {
            if (!sax.get(i).equals(expat.get(i))) {
                return "event " + i + ": SAX " + clip(sax.get(i)) + ", expat " + clip(expat.get(i));
            }
        }
        return "SAX has " + sax.size() + " events, expat " + expat.size();
    }

    private static String clip(String event) {
        return event.length() > 120 ? event.substring(0, 120) + "..." : event;
    }
}
