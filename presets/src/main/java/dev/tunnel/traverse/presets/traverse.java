package dev.tunnel.traverse.presets;

import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;
import org.bytedeco.javacpp.tools.Info;
import org.bytedeco.javacpp.tools.InfoMap;
import org.bytedeco.javacpp.tools.InfoMapper;

/**
 * The JavaCPP preset for libtraverse: which headers to parse, which library to link, and how
 * C names map to Java. The build regenerates {@code dev.tunnel.traverse.global.traverse} and
 * {@code dev.tunnel.traverse.lib} from it; most users want {@link dev.tunnel.traverse.Traversal}
 * instead of those raw bindings.
 *
 * <pre>{@code
 * // raw binding, for the curious: C's traverse_strerror(ENOENT)
 * String message = dev.tunnel.traverse.global.traverse.traverse_strerror(2).getString();
 * }</pre>
 */
@Properties(
    target = "dev.tunnel.traverse.lib",
    global = "dev.tunnel.traverse.global.traverse",
    value = @Platform(include = {"traverse.h", "clibrary.h", "basics.h", "myprint.h", "threads.h", "tunnel_batch.h", "traverse_batched.h"}, link = "traverse@.1"))
public class traverse implements InfoMapper {
    private static final String GATEWAYS = "dev.tunnel.traverse.gateway.";

    @Override
    public void map(InfoMap infoMap) {
        infoMap
            // the JNI glue is C++: parse the C++ branch of the headers' #ifdef __cplusplus
            .put(new Info("__cplusplus").define(true))

            // each C callback type is served by one static gateway of Tunnel's (a final
            // FunctionPointer class with a long user_data), never by a generated class users
            // could instantiate: those share 10 native slots and allocate a Pointer per call
            .put(new Info("StartCallbackFn").skip().valueTypes(GATEWAYS + "StartGateway").pointerTypes(GATEWAYS + "StartGateway"))
            .put(new Info("EndCallbackFn").skip().valueTypes(GATEWAYS + "EndGateway").pointerTypes(GATEWAYS + "EndGateway"))
            .put(new Info("callback_fcn").skip().valueTypes(GATEWAYS + "IntFunctionGateway").pointerTypes(GATEWAYS + "IntFunctionGateway"))
            .put(new Info("TraverseDoneFn").skip().valueTypes(GATEWAYS + "TraverseDoneGateway").pointerTypes(GATEWAYS + "TraverseDoneGateway"))
            .put(new Info("tunnel_batch_flush_fn").skip().valueTypes(GATEWAYS + "BatchFlushGateway").pointerTypes(GATEWAYS + "BatchFlushGateway"))
            .put(new Info("HandlePrintFn").skip().valueTypes(GATEWAYS + "HandlePrintGateway").pointerTypes(GATEWAYS + "HandlePrintGateway"))
            .put(new Info("ContextPrintFn").skip().valueTypes(GATEWAYS + "ContextPrintGateway").pointerTypes(GATEWAYS + "ContextPrintGateway"))

            // skip: the batching machinery is C-to-C (gateways, buffer bookkeeping); Java only
            // calls the *_batched entry points
            .put(new Info("tunnel_batch", "tunnel_batch_init", "tunnel_batch_flush", "tunnel_batch_add", "tunnel_batch_count",
                    "tunnel_batch_add_pair", "tunnel_batch_full", "traverse_batched_start", "traverse_batched_end",
                    "traverse_batched_start_only", "traverse_batched_end_only", "traverse_batched_callbacks",
                    "traverse_batched_finish", "TUNNEL_BATCH_GATEWAY_1", "TUNNEL_BATCH_GATEWAY_2",
                    "TUNNEL_BATCH_PAIR_GATEWAY_1", "TUNNEL_BATCH_PAIR_GATEWAY_2").skip())

            // rename: Java-style names for the C structs
            .put(new Info("point").pointerTypes("Point"))
            .put(new Info("traverse_control").pointerTypes("TraverseControl"))
            .put(new Info("traverse_scanner").pointerTypes("TraverseScanner"))
            .put(new Info("packed_header").pointerTypes("PackedHeader"))
            .put(new Info("complex_pair").pointerTypes("ComplexPair"));
    }
}
