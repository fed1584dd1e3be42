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
import dev.tunnel.spi.Borrowed;
import dev.tunnel.spi.CString;
import dev.tunnel.spi.CallbackScope;
import dev.tunnel.spi.EventBytes;
import dev.tunnel.spi.EventStrings;
import dev.tunnel.spi.NativePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * One upcall per event: expat calls the generated gateways ({@code GATEWAY}), whose user data is
 * this delivery's {@link CallbackScope}; each call lends C's strings to the handler as the same
 * {@link EventBytes} views a batch would, so one {@link XmlHandler} serves both deliveries.
 */
final class PerEventCalls implements Delivery, XML_StartElementHandler.Function, XML_EndElementHandler.Function,
        XML_CharacterDataHandler.Function, XML_ProcessingInstructionHandler.Function, XML_CommentHandler.Function,
        XML_StartCdataSectionHandler.Function, XML_EndCdataSectionHandler.Function, XML_StartNamespaceDeclHandler.Function,
        XML_EndNamespaceDeclHandler.Function, XML_XmlDeclHandler.Function {
    private final XmlHandler handler;
    private final CallbackScope<PerEventCalls> scope;
    // one view per typedef parameter, so that a view used after its call names the callback and
    // the argument it was; each copies C's bytes into an array of its own, allocating nothing per call
    private final EventBytes startName = new EventBytes(XML_StartElementHandler.TYPE, "name");
    private final EventStrings attributes = new EventStrings(XML_StartElementHandler.TYPE, "atts");
    private final EventBytes endName = new EventBytes(XML_EndElementHandler.TYPE, "name");
    private final EventBytes text = new EventBytes(XML_CharacterDataHandler.TYPE, "s");
    private final EventBytes piTarget = new EventBytes(XML_ProcessingInstructionHandler.TYPE, "target");
    private final EventBytes piData = new EventBytes(XML_ProcessingInstructionHandler.TYPE, "data");
    private final EventBytes commentData = new EventBytes(XML_CommentHandler.TYPE, "data");
    private final EventBytes namespacePrefix = new EventBytes(XML_StartNamespaceDeclHandler.TYPE, "prefix");
    private final EventBytes namespaceUri = new EventBytes(XML_StartNamespaceDeclHandler.TYPE, "uri");
    private final EventBytes endNamespacePrefix = new EventBytes(XML_EndNamespaceDeclHandler.TYPE, "prefix");
    private final EventBytes declVersion = new EventBytes(XML_XmlDeclHandler.TYPE, "version");
    private final EventBytes declEncoding = new EventBytes(XML_XmlDeclHandler.TYPE, "encoding");

    PerEventCalls(XmlHandler handler, Runnable stopRequest) {
        this.handler = handler;
        this.scope = CallbackScope.open(this, stopRequest);
    }

    private static long address(Borrowed view) {
        return view == null ? 0 : view.address();
    }

    // each call ends its views' loans, whatever the handler did with them

    @Override
    public void startElement(CString name, NativePointer atts) {
        try {
            handler.startElement(startName.lendString(address(name)), attributes.lendArray(address(atts)));
        } finally {
            startName.release();
            attributes.release();
        }
    }

    @Override
    public void endElement(CString name) {
        try {
            handler.endElement(endName.lendString(address(name)));
        } finally {
            endName.release();
        }
    }

    @Override
    public void characters(CString s, int len) {
        try {
            handler.characters(text.lendBytes(address(s), len));
        } finally {
            text.release();
        }
    }

    @Override
    public void processingInstruction(CString target, CString data) {
        try {
            handler.processingInstruction(piTarget.lendString(address(target)), piData.lendString(address(data)));
        } finally {
            piTarget.release();
            piData.release();
        }
    }

    @Override
    public void comment(CString data) {
        try {
            handler.comment(commentData.lendString(address(data)));
        } finally {
            commentData.release();
        }
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
    public void startNamespace(CString prefix, CString uri) {
        try {
            handler.startNamespace(namespacePrefix.lendString(address(prefix)), namespaceUri.lendString(address(uri)));
        } finally {
            namespacePrefix.release();
            namespaceUri.release();
        }
    }

    @Override
    public void endNamespace(CString prefix) {
        try {
            handler.endNamespace(endNamespacePrefix.lendString(address(prefix)));
        } finally {
            endNamespacePrefix.release();
        }
    }

    @Override
    public void xmlDeclaration(CString version, CString encoding, int standalone) {
        try {
            handler.xmlDeclaration(declVersion.lendString(address(version)), declEncoding.lendString(address(encoding)), standalone);
        } finally {
            declVersion.release();
            declEncoding.release();
        }
    }

    @Override
    public Pointer userData() {
        return scope.pointer();
    }

    @Override
    public boolean batched() {
        return false;
    }

    @Override
    public boolean failed() {
        return scope.failed();
    }

    @Override
    public void finish() {
        scope.rethrowFailure();
    }

    @Override
    public void close() {
        scope.close();
    }
}
