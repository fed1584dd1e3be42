package dev.tunnel.expat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Broken and random documents through the Java API: truncated and bit-flipped variants of real
 * files, and random documents built to stress batching (long names and values, many attributes,
 * text straddling reads and batches). Each must end in exact events or an {@link XmlParseException}
 * (never a crash), and the batched path must deliver exactly what the per-event path delivers,
 * error included, whatever the batch and read sizes.
 */
class HostileInputTest {
    private static final XmlParser PER_EVENT = XmlParser.perEvent();

    /** The events and the error (if any) of one parse, as one list. */
    private static List<String> outcome(XmlParser parser, byte[] document) throws IOException {
        EventRecorder recorder = new EventRecorder();
        String error = "accepted";
        try {
            parser.parse(ByteBuffer.wrap(document), "doc", recorder);
        } catch (XmlParseException e) {
            error = e.getMessage();
        }
        List<String> events = new ArrayList<>(recorder.events());
        events.add(error);
        return events;
    }

    private static void assertSameOutcome(XmlParser batched, byte[] document, String what) throws IOException {
        List<String> expected = outcome(PER_EVENT, document);
        assertEquals(expected, outcome(batched, document), what);
    }

    @Test
    void truncatedAndBitFlippedRealFiles() throws IOException {
        List<Path> corpus = SaxCorpusTest.corpus();
        Random random = new Random(16);
        int variants = 0;
        int rejected = 0;
        for (int f = 0; f < 60; f++) {
            Path file = corpus.get(random.nextInt(corpus.size()));
            byte[] original = Files.readAllBytes(file);
            if (original.length == 0) {
                continue;
            }
            XmlParser batched = XmlParser.batched().withBatchBytes(4096 << random.nextInt(5)).withChunkBytes(1 + random.nextInt(8192));
            for (int v = 0; v < 10; v++) {
                byte[] truncated = Arrays.copyOf(original, random.nextInt(original.length));
                byte[] flipped = original.clone();
                for (int k = 0; k <= random.nextInt(4); k++) {
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                }
                for (byte[] variant : List.of(truncated, flipped)) {
                    List<String> outcome = outcome(PER_EVENT, variant);
                    assertEquals(outcome, outcome(batched, variant), file + ", a variant of " + variant.length + " bytes");
                    variants++;
                    if (!outcome.get(outcome.size() - 1).equals("accepted")) {
                        rejected++;
                    }
                }
            }
        }
        System.out.printf("HostileInputTest: %d truncated or bit-flipped variants, %d rejected, the rest parsed, the same batched%n",
                variants, rejected);
        assertTrue(rejected > variants / 3, rejected + " of " + variants + " rejected: truncation should break most");
    }

    @Test
    void randomDocumentsBatchedAsPerEvent() throws IOException {
        Random random = new Random(1601);
        int documents = 3000;
        int accepted = 0;
        for (int i = 0; i < documents; i++) {
            byte[] document = randomDocument(random);
            if (random.nextInt(4) == 0) {
                document[random.nextInt(document.length)] = (byte) random.nextInt(256);
            }
            XmlParser batched = XmlParser.batched().withBatchBytes(4096 + 8 * random.nextInt(4)).withChunkBytes(1 + random.nextInt(20000));
            List<String> outcome = outcome(PER_EVENT, document);
            assertEquals(outcome, outcome(batched, document), "random document " + i);
            if (outcome.get(outcome.size() - 1).equals("accepted")) {
                accepted++;
            }
        }
        System.out.printf("HostileInputTest: %d random documents, %d accepted, all the same batched%n", documents, accepted);
        assertTrue(accepted > documents / 2, accepted + " of " + documents + " random documents accepted");
    }

    /** A well-formed document of random shape: sizes from 0 to past half the smallest batch. */
    private static byte[] randomDocument(Random random) {
        StringBuilder s = new StringBuilder();
        if (random.nextBoolean()) {
            s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        }
        s.append("<root>");
        int depth = 0;
        int parts = random.nextInt(60);
        List<String> open = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            switch (random.nextInt(6)) {
                case 0: {
                    String name = name(random);
                    s.append('<').append(name);
                    for (int a = random.nextInt(random.nextInt(30) + 1); a > 0; a--) {
                        s.append(' ').append(name(random)).append(a).append("=\"").append(text(random)).append('"');
                    }
                    s.append('>');
                    open.add(name);
                    depth++;
                    break;
                }
                case 1:
                    if (depth > 0) {
                        s.append("</").append(open.remove(--depth)).append('>');
                    }
                    break;
                case 2:
                    s.append("<!--").append(text(random).replace("-", "_")).append("-->");
                    break;
                case 3:
                    s.append("<?pi ").append(text(random).replace("?", "_")).append("?>");
                    break;
                case 4:
                    s.append("<![CDATA[").append(text(random).replace("]", "_")).append("]]>");
                    break;
                default:
                    s.append(text(random));
            }
        }
        while (depth > 0) {
            s.append("</").append(open.remove(--depth)).append('>');
        }
        s.append("</root>");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String name(Random random) {
        int n = 1 + (random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(12));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    /** Text with escapes, line ends and characters of every UTF-8 length; now and then past 2 KiB. */
    private static String text(Random random) {
        int n = random.nextInt(8) == 0 ? random.nextInt(5000) : random.nextInt(40);
        StringBuilder s = new StringBuilder();
        String[] pieces = {"a", "b", " ", "\n", "\r\n", "\r", "&amp;", "&lt;", "&#x20AC;", "\u00e9", "\u4e2d", "\ud83d\ude00", "\t"};
        for (int i = 0; i < n; i++) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }
}
