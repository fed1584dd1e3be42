package dev.tunnel.expat;

import dev.tunnel.expat.lib.XML_CharacterDataHandler;
import dev.tunnel.expat.lib.XML_CommentHandler;
import dev.tunnel.expat.lib.XML_EndCdataSectionHandler;
import dev.tunnel.expat.lib.XML_EndElementHandler;
import dev.tunnel.expat.lib.XML_EndNamespaceDeclHandler;
import dev.tunnel.expat.lib.XML_ProcessingInstructionHandler;
import dev.tunnel.expat.lib.XML_StartCdataSectionHandler;
import dev.tunnel.expat.lib.XML_StartElementHandler;
import dev.tunnel.expat.lib.XML_StartNamespaceDeclHandler;
import dev.tunnel.expat.lib.XML_XmlDeclHandler;
import dev.tunnel.spi.EventBatch;
import dev.tunnel.spi.EventBytes;
import dev.tunnel.spi.EventKind;
import dev.tunnel.spi.EventStrings;
import org.bytedeco.javacpp.Pointer;

/**
 * Batched: expat calls the generated batching gateways ({@code BATCHING}), C functions that append
 * each event to this delivery's {@link EventBatch}; Java decodes a full batch at a time into
 * calls of the handler, in document order. The handler sees each event's strings in place in
 * the batch.
 */
final class BatchedCalls implements Delivery, XML_StartElementHandler.Batched, XML_EndElementHandler.Batched,
        XML_CharacterDataHandler.Batched, XML_ProcessingInstructionHandler.Batched, XML_CommentHandler.Batched,
        XML_StartCdataSectionHandler.Batched, XML_EndCdataSectionHandler.Batched, XML_StartNamespaceDeclHandler.Batched,
        XML_EndNamespaceDeclHandler.Batched, XML_XmlDeclHandler.Batched {
    private final XmlHandler handler;
    private final EventBatch batch;

    BatchedCalls(XmlHandler handler, Runnable stopRequest, int batchBytes) {
        this.handler = handler;
        EventKind[] kinds = {
            XML_StartElementHandler.batched(this), XML_EndElementHandler.batched(this), XML_CharacterDataHandler.batched(this),
            XML_ProcessingInstructionHandler.batched(this), XML_CommentHandler.batched(this),
            XML_StartCdataSectionHandler.batched(this), XML_EndCdataSectionHandler.batched(this),
            XML_StartNamespaceDeclHandler.batched(this), XML_EndNamespaceDeclHandler.batched(this), XML_XmlDeclHandler.batched(this),
        };
        this.batch = EventBatch.open(batchBytes, stopRequest, kinds);
    }

    @Override
    public void startElement(EventBytes name, EventStrings atts) {
        handler.startElement(name, atts);
    }

    @Override
    public void endElement(EventBytes name) {
        handler.endElement(name);
    }

    @Override
    public void characters(EventBytes s, int len) {
        handler.characters(s);
    }

    @Override
    public void processingInstruction(EventBytes target, EventBytes data) {
        handler.processingInstruction(target, data);
    }

    @Override
    public void comment(EventBytes data) {
        handler.comment(data);
    }

    @Override
    public void startCdata() {
        handler.startCdata();
    }

    @Override
    public void endCdata() {
        handler.endCdata();
    }

    @Override
    public void startNamespace(EventBytes prefix, EventBytes uri) {
        handler.startNamespace(prefix, uri);
    }

    @Override
    public void endNamespace(EventBytes prefix) {
        handler.endNamespace(prefix);
    }

    @Override
    public void xmlDeclaration(EventBytes version, EventBytes encoding, int standalone) {
        handler.xmlDeclaration(version, encoding, standalone);
    }

    @Override
    public Pointer userData() {
        return batch.pointer();
    }

    @Override
    public boolean batched() {
        return true;
    }

    @Override
    public boolean failed() {
        return batch.failed();
    }

    @Override
    public void finish() {
        batch.finish();
    }

    @Override
    public void close() {
        batch.close();
    }
}
