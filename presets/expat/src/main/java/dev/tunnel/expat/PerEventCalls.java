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
    private final EventBytes first = new EventBytes("XML handler", "first string");
    private final EventBytes second = new EventBytes("XML handler", "second string");
    private final EventStrings attributes = new EventStrings(XML_StartElementHandler.TYPE, "atts");

    PerEventCalls(XmlHandler handler, Runnable stopRequest) {
        this.handler = handler;
        this.scope = CallbackScope.open(this, stopRequest);
    }

    private static long address(Borrowed view) {
        return view == null ? 0 : view.address();
    }

    /** Ends the loans of this call's views, whatever the handler did with them. */
    private void release() {
        first.release();
        second.release();
        attributes.release();
    }

    @Override
    public void startElement(CString name, NativePointer atts) {
        try {
            handler.startElement(first.lendString(address(name)), attributes.lendArray(address(atts)));
        } finally {
            release();
        }
    }

    @Override
    public void endElement(CString name) {
        try {
            handler.endElement(first.lendString(address(name)));
        } finally {
            release();
        }
    }

    @Override
    public void characters(CString s, int len) {
        try {
            handler.characters(first.lendBytes(address(s), len));
        } finally {
            release();
        }
    }

    @Override
    public void processingInstruction(CString target, CString data) {
        try {
            handler.processingInstruction(first.lendString(address(target)), second.lendString(address(data)));
        } finally {
            release();
        }
    }

    @Override
    public void comment(CString data) {
        try {
            handler.comment(first.lendString(address(data)));
        } finally {
            release();
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
            handler.startNamespace(first.lendString(address(prefix)), second.lendString(address(uri)));
        } finally {
            release();
        }
    }

    @Override
    public void endNamespace(CString prefix) {
        try {
            handler.endNamespace(first.lendString(address(prefix)));
        } finally {
            release();
        }
    }

    @Override
    public void xmlDeclaration(CString version, CString encoding, int standalone) {
        try {
            handler.xmlDeclaration(first.lendString(address(version)), second.lendString(address(encoding)), standalone);
        } finally {
            release();
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
