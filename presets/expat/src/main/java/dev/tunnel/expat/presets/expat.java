package dev.tunnel.expat.presets;

import dev.tunnel.spi.Callback;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;
import org.bytedeco.javacpp.tools.Info;
import org.bytedeco.javacpp.tools.InfoMap;
import org.bytedeco.javacpp.tools.InfoMapper;

/**
 * The JavaCPP preset for libexpat: its two headers as they are, the library built from Debian's
 * source package by {@code cppbuild.sh install expat}, and one {@link Callback} declaration per
 * handler typedef that Tunnel serves, each batched as well. The build regenerates
 * {@code dev.tunnel.expat.global.expat} and {@code dev.tunnel.expat.lib} from it; most users
 * want {@link dev.tunnel.expat.XmlParser} instead of those raw bindings.
 *
 * <pre>{@code
 * // raw binding: C's XML_ErrorString(XML_ERROR_SYNTAX)
 * String message = dev.tunnel.expat.global.expat.XML_ErrorString(2).getString();
 * }</pre>
 */
@Properties(
    target = "dev.tunnel.expat.lib",
    global = "dev.tunnel.expat.global.expat",
    value = @Platform(define = "XML_DTD 1", include = {"expat_external.h", "expat.h"}, link = "expat@.1"))
// every handler takes expat's user data first (XML_SetUserData): a scope, or a batch
@Callback(value = "XML_StartElementHandler", userData = 0, method = "startElement", batched = true, strings = "atts")
@Callback(value = "XML_EndElementHandler", userData = 0, method = "endElement", batched = true)
@Callback(value = "XML_CharacterDataHandler", userData = 0, method = "characters", batched = true, lengths = "s=len", join = true)
@Callback(value = "XML_ProcessingInstructionHandler", userData = 0, method = "processingInstruction", batched = true)
@Callback(value = "XML_CommentHandler", userData = 0, method = "comment", batched = true)
@Callback(value = "XML_StartCdataSectionHandler", userData = 0, method = "startCdata", batched = true)
@Callback(value = "XML_EndCdataSectionHandler", userData = 0, method = "endCdata", batched = true)
@Callback(value = "XML_StartNamespaceDeclHandler", userData = 0, method = "startNamespace", batched = true)
@Callback(value = "XML_EndNamespaceDeclHandler", userData = 0, method = "endNamespace", batched = true)
@Callback(value = "XML_XmlDeclHandler", userData = 0, method = "xmlDeclaration", batched = true)
public class expat implements InfoMapper {
    @Override
    public void map(InfoMap infoMap) {
        infoMap
            // the JNI glue is C++: parse the C++ branch of the headers' #ifdef __cplusplus
            .put(new Info("__cplusplus").define(true))
            // the library's build options (cppbuild-expat.sh): DTDs, and with them the entity-expansion
            // limits (XML_SetBillionLaughsAttackProtection*); no XML_ATTR_INFO
            .put(new Info("XML_DTD").define(true))
            .put(new Info("XML_ATTR_INFO").define(false))
            // calling-convention and attribute macros: nothing for Java
            .put(new Info("XMLCALL", "XMLIMPORT", "XML_ATTR_MALLOC", "XML_ATTR_ALLOC_SIZE").cppTypes().annotations())
            // XML_Char is char (no XML_UNICODE build): UTF-8 bytes
            .put(new Info("XML_Char").cast().valueTypes("byte").pointerTypes("BytePointer"))
            .put(new Info("XML_LChar").cast().valueTypes("byte").pointerTypes("BytePointer"))
            // XML_Parser is a pointer to an opaque struct: pass it as that struct's Pointer class
            .put(new Info("XML_Parser").valueTypes("XML_ParserStruct").pointerTypes("@Cast(\"XML_Parser*\") PointerPointer"))
            .put(new Info("XML_ParserStruct").pointerTypes("XML_ParserStruct"))
            // skip: old names of XML_GetCurrent*, macros JavaCPP would turn into constants
            .put(new Info("XML_GetErrorLineNumber", "XML_GetErrorColumnNumber", "XML_GetErrorByteIndex").skip());
    }
}
