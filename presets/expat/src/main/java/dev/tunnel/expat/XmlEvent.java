package dev.tunnel.expat;

import dev.tunnel.spi.EventBytes;
import dev.tunnel.spi.EventStrings;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Set;

/** The events of {@link XmlHandler}, one per expat handler, and which of them a handler wants. */
enum XmlEvent {
    START_ELEMENT("startElement", EventBytes.class, EventStrings.class),
    END_ELEMENT("endElement", EventBytes.class),
    CHARACTERS("characters", EventBytes.class),
    PROCESSING_INSTRUCTION("processingInstruction", EventBytes.class, EventBytes.class),
    COMMENT("comment", EventBytes.class),
    START_CDATA("startCdata"),
    END_CDATA("endCdata"),
    START_NAMESPACE("startNamespace", EventBytes.class, EventBytes.class),
    END_NAMESPACE("endNamespace", EventBytes.class),
    XML_DECLARATION("xmlDeclaration", EventBytes.class, EventBytes.class, int.class);

    private final String method;
    private final Class<?>[] parameters;

    XmlEvent(String method, Class<?>... parameters) {
        this.method = method;
        this.parameters = parameters;
    }

    /**
     * The events {@code handler} receives: those {@link XmlCallbacks} was given functions for, or
     * the methods its class overrides (a public method not declared by {@link XmlHandler}
     * itself); the others reach expat as NULL handlers.
     */
    static Set<XmlEvent> wantedBy(XmlHandler handler) {
        if (handler instanceof XmlCallbacks) {
            return ((XmlCallbacks) handler).events();
        }
        Set<XmlEvent> wanted = EnumSet.noneOf(XmlEvent.class);
        for (XmlEvent event : values()) {
            try {
                Method m = handler.getClass().getMethod(event.method, event.parameters);
                if (m.getDeclaringClass() != XmlHandler.class) {
                    wanted.add(event);
                }
            } catch (NoSuchMethodException e) {
                throw new AssertionError("XmlHandler." + event.method, e);
            }
        }
        return wanted;
    }
}
