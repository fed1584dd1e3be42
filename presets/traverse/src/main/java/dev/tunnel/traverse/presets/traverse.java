package dev.tunnel.traverse.presets;

import dev.tunnel.spi.Callback;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;
import org.bytedeco.javacpp.tools.Info;
import org.bytedeco.javacpp.tools.InfoMap;
import org.bytedeco.javacpp.tools.InfoMapper;

/**
 * The JavaCPP preset for libtraverse: which headers to parse, which library to link, how C
 * names map to Java, and which C callback types Tunnel serves with a gateway ({@link Callback}:
 * one declaration per typedef; the build generates the rest). The build regenerates {@code dev.tunnel.traverse.global.traverse} and
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
    value = @Platform(include = {"traverse.h", "clibrary.h", "basics.h", "myprint.h", "threads.h", "hooks.h", "tunnel_batch.h", "traverse_batched.h"}, link = "traverse@.1"))
// user_data first: routed to the CallbackScope it names
@Callback(value = "StartCallbackFn", userData = 0, method = "start")
@Callback(value = "EndCallbackFn", userData = 0, method = "end")
@Callback(value = "TraverseDoneFn", userData = 0, method = "done")
@Callback(value = "tunnel_batch_flush_fn", userData = 0, method = "deliver")
// batched too: C functions of these types append to a dev.tunnel.spi.EventBatch (BATCHING)
@Callback(value = "LineCallbackFn", userData = 0, method = "line", batched = true, lengths = "bytes=length")
@Callback(value = "SampleEventFn", userData = 0, method = "sample", batched = true)
@Callback(value = "NameEventFn", userData = 0, method = "name", batched = true, lengths = "name=length")
// no user_data: routed to the function bound to the calling thread
@Callback(value = "callback_fcn", userData = Callback.NONE, method = "applyAsInt")
@Callback(value = "HandlePrintFn", userData = Callback.NONE, method = "accept")
@Callback(value = "ContextPrintFn", userData = Callback.NONE, method = "accept")
// kept by C and called later from its own threads: served by closures (TraverseHookFn.closure)
@Callback(value = "TraverseHookFn", userData = Callback.NONE, method = "applyAsLong", onFailure = "-1")
public class traverse implements InfoMapper {
    @Override
    public void map(InfoMap infoMap) {
        infoMap
            // the JNI glue is C++: parse the C++ branch of the headers' #ifdef __cplusplus
            .put(new Info("__cplusplus").define(true))

            // skip: the batching machinery is C-to-C (gateways, buffer bookkeeping); Java only
            // calls the *_batched entry points
            .put(new Info("tunnel_batch", "tunnel_batch_init", "tunnel_batch_flush", "tunnel_batch_add", "tunnel_batch_count",
                    "tunnel_batch_add_pair", "tunnel_batch_full", "traverse_batched_start", "traverse_batched_end",
                    "traverse_batched_start_only", "traverse_batched_end_only", "traverse_batched_callbacks",
                    "traverse_batched_finish", "TUNNEL_BATCH_GATEWAY_1", "TUNNEL_BATCH_GATEWAY_2",
                    "TUNNEL_BATCH_PAIR_GATEWAY_1", "TUNNEL_BATCH_PAIR_GATEWAY_2", "TUNNEL_BATCH_HOT").skip())

            // int32_t* only as IntPointer: the batched entry points check a buffer's length and
            // layout, and an int[] or IntBuffer overload would invite one that is neither
            .put(new Info("int32_t").cast().valueTypes("int").pointerTypes("IntPointer"))

            // rename: Java-style names for the C structs
            // (Callbacks, the struct of functions, is TraverseCallbacks: dev.tunnel.traverse.Callbacks
            // is the API's record of Java functions, and one name should not mean both)
            .put(new Info("Callbacks").pointerTypes("TraverseCallbacks"))
            .put(new Info("point").pointerTypes("Point"))
            .put(new Info("traverse_control").pointerTypes("TraverseControl"))
            .put(new Info("traverse_scanner").pointerTypes("TraverseScanner"))
            .put(new Info("packed_header").pointerTypes("PackedHeader"))
            .put(new Info("traverse_hook_report").pointerTypes("TraverseHookReport"))
            .put(new Info("complex_pair").pointerTypes("ComplexPair"));
    }
}
