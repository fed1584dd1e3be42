package dev.tunnel.expat;

import static dev.tunnel.expat.global.expat.*;

import dev.tunnel.expat.lib.XML_CharacterDataHandler;
import dev.tunnel.expat.lib.XML_CommentHandler;
import dev.tunnel.expat.lib.XML_EndCdataSectionHandler;
import dev.tunnel.expat.lib.XML_EndElementHandler;
import dev.tunnel.expat.lib.XML_EndNamespaceDeclHandler;
import dev.tunnel.expat.lib.XML_ParserStruct;
import dev.tunnel.expat.lib.XML_ProcessingInstructionHandler;
import dev.tunnel.expat.lib.XML_StartCdataSectionHandler;
import dev.tunnel.expat.lib.XML_StartElementHandler;
import dev.tunnel.expat.lib.XML_StartNamespaceDeclHandler;
import dev.tunnel.expat.lib.XML_XmlDeclHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * One parse: an expat parser created for it, its handlers set to the delivery's gateways for the
 * events the handler wants (NULL for the others), the input fed to it, the parser freed, and
 * then what the handler threw or the document's error thrown, in that order.
 */
final class ExpatParse {
    private final XML_ParserStruct parser;
    /** False once the parser is freed: a stop request that comes later (a batch's last delivery) does nothing. */
    private boolean live = true;

    private ExpatParse(XML_ParserStruct parser) {
        this.parser = parser;
    }

    static void run(XmlParser options, XmlInput input, XmlHandler handler) throws IOException {
        Set<XmlEvent> events = XmlEvent.wantedBy(handler);
        XML_ParserStruct created = options.namespaceSeparator() != 0
                ? XML_ParserCreateNS((BytePointer) null, (byte) options.namespaceSeparator())
                : XML_ParserCreate((BytePointer) null);
        if (created == null || created.isNull()) {
            throw new OutOfMemoryError("expat: XML_ParserCreate returned NULL for " + input.name());
        }
        ExpatParse parse = new ExpatParse(created);
        try (Delivery delivery = options.isBatched()
                ? new BatchedCalls(handler, parse::stop, options.batchBytes())
                : new PerEventCalls(handler, parse::stop)) {
            XmlParseException error;
            try {
                parse.configure(delivery, events);
                error = parse.feed(input, options.chunkBytes(), delivery);
            } finally {
                parse.free();
            }
            delivery.finish();
            if (error != null) {
                throw error;
            }
        } finally {
            parse.free();
        }
    }

    /** Called on the handler's failure, from inside one of expat's handlers (or after the parse). */
    private void stop() {
        if (live) {
            XML_StopParser(parser, (byte) 0);
        }
    }

    private void free() {
        if (live) {
            live = false;
            XML_ParserFree(parser);
        }
    }

    private void configure(Delivery delivery, Set<XmlEvent> events) {
        XML_SetUserData(parser, delivery.userData());
        // Never read anything but the document: no parameter entities, so no external DTD subset
        // (expat itself does no I/O; it would only ask an external-entity handler, and none is set).
        XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
        boolean b = delivery.batched();
        if (events.contains(XmlEvent.START_ELEMENT)) {
            XML_SetStartElementHandler(parser, b ? XML_StartElementHandler.BATCHING : XML_StartElementHandler.GATEWAY);
        }
        if (events.contains(XmlEvent.END_ELEMENT)) {
            XML_SetEndElementHandler(parser, b ? XML_EndElementHandler.BATCHING : XML_EndElementHandler.GATEWAY);
        }
        if (events.contains(XmlEvent.CHARACTERS)) {
            XML_SetCharacterDataHandler(parser, b ? XML_CharacterDataHandler.BATCHING : XML_CharacterDataHandler.GATEWAY);
        }
        if (events.contains(XmlEvent.PROCESSING_INSTRUCTION)) {
            XML_SetProcessingInstructionHandler(parser,
                    b ? XML_ProcessingInstructionHandler.BATCHING : XML_ProcessingInstructionHandler.GATEWAY);
        }
        if (events.contains(XmlEvent.COMMENT)) {
            XML_SetCommentHandler(parser, b ? XML_CommentHandler.BATCHING : XML_CommentHandler.GATEWAY);
        }
        if (events.contains(XmlEvent.START_CDATA)) {
            XML_SetStartCdataSectionHandler(parser, b ? XML_StartCdataSectionHandler.BATCHING : XML_StartCdataSectionHandler.GATEWAY);
        }
        if (events.contains(XmlEvent.END_CDATA)) {
            XML_SetEndCdataSectionHandler(parser, b ? XML_EndCdataSectionHandler.BATCHING : XML_EndCdataSectionHandler.GATEWAY);
        }
        if (events.contains(XmlEvent.START_NAMESPACE)) {
            XML_SetStartNamespaceDeclHandler(parser, b ? XML_StartNamespaceDeclHandler.BATCHING : XML_StartNamespaceDeclHandler.GATEWAY);
        }
        if (events.contains(XmlEvent.END_NAMESPACE)) {
            XML_SetEndNamespaceDeclHandler(parser, b ? XML_EndNamespaceDeclHandler.BATCHING : XML_EndNamespaceDeclHandler.GATEWAY);
        }
        if (events.contains(XmlEvent.XML_DECLARATION)) {
            XML_SetXmlDeclHandler(parser, b ? XML_XmlDeclHandler.BATCHING : XML_XmlDeclHandler.GATEWAY);
        }
    }

    /** Feeds the whole input; the document's error, or null when it parsed (or the handler stopped it). */
    private XmlParseException feed(XmlInput input, int chunkBytes, Delivery delivery) throws IOException {
        BytePointer direct = input.direct();
        if (direct != null) {
            return feedDirect(input, direct, delivery);
        }
        while (true) {
            Pointer buffer = XML_GetBuffer(parser, chunkBytes);
            if (buffer == null || buffer.isNull()) {
                return error(input, delivery);
            }
            ByteBuffer into = new BytePointer(buffer).capacity(chunkBytes).asByteBuffer();
            int n = input.read(into);
            boolean last = n < 0;
            if (XML_ParseBuffer(parser, last ? 0 : n, last ? 1 : 0) == XML_STATUS_ERROR) {
                return error(input, delivery);
            }
            if (last) {
                return null;
            }
        }
    }

    /** A document in native memory: parsed where it lies, a gigabyte at a time at most (XML_Parse takes an int). */
    private XmlParseException feedDirect(XmlInput input, BytePointer bytes, Delivery delivery) {
        long start = bytes.position();
        long length = bytes.limit() - start;
        long done = 0;
        do {
            int n = (int) Math.min(length - done, 1 << 30);
            boolean last = done + n == length;
            if (XML_Parse(parser, bytes.position(start + done), n, last ? 1 : 0) == XML_STATUS_ERROR) {
                return error(input, delivery);
            }
            done += n;
        } while (done < length);
        return null;
    }

    private XmlParseException error(XmlInput input, Delivery delivery) {
        int code = XML_GetErrorCode(parser);
        if (code == XML_ERROR_ABORTED && delivery.failed()) {
            return null; // stopped for the handler's failure, which finish() rethrows
        }
        BytePointer reason = XML_ErrorString(code);
        return new XmlParseException(input.name(), XML_GetCurrentLineNumber(parser), XML_GetCurrentColumnNumber(parser) + 1,
                code, reason == null || reason.isNull() ? "error " + code : reason.getString());
    }
}
