package dev.tunnel.samples;

import dev.tunnel.spi.Upcalls;
import dev.tunnel.traverse.lib.ContextPrintFn;
import dev.tunnel.traverse.lib.EndCallbackFn;
import dev.tunnel.traverse.lib.HandlePrintFn;
import dev.tunnel.traverse.lib.StartCallbackFn;
import dev.tunnel.traverse.lib.TraverseDoneFn;
import dev.tunnel.traverse.lib.TraverseHookFn;
import dev.tunnel.traverse.lib.callback_fcn;
import dev.tunnel.traverse.lib.tunnel_batch_flush_fn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FunctionPointer;

/**
 * {@code upcalls}: which way C calls Java in this JVM, and the path of each of libtraverse's
 * gateways: FFM upcall stubs on Java 22+, JNI on Java 17 or with {@code -Dtunnel.upcalls=jni}.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar upcalls
 * upcalls: FFM upcall stubs (Java 25)
 * StartCallbackFn: FFM
 * ...
 * $ java -Dtunnel.upcalls=jni -jar samples/target/tunnel-samples.jar upcalls
 * upcalls: JavaCPP's JNI trampolines: -Dtunnel.upcalls=jni
 * StartCallbackFn: JNI
 * ...
 * }</pre>
 */
final class UpcallsSample implements Sample {
    @Override
    public String name() {
        return "upcalls";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String description() {
        return "which way C calls Java here (FFM upcall stubs or JNI), and each gateway's path";
    }

    @Override
    public void run(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("takes no arguments");
        }
        Map<String, FunctionPointer> gateways = new LinkedHashMap<>();
        gateways.put(StartCallbackFn.TYPE, StartCallbackFn.GATEWAY);
        gateways.put(EndCallbackFn.TYPE, EndCallbackFn.GATEWAY);
        gateways.put(TraverseDoneFn.TYPE, TraverseDoneFn.GATEWAY);
        gateways.put(tunnel_batch_flush_fn.TYPE, tunnel_batch_flush_fn.GATEWAY);
        gateways.put(callback_fcn.TYPE, callback_fcn.GATEWAY);
        gateways.put(HandlePrintFn.TYPE, HandlePrintFn.GATEWAY);
        gateways.put(ContextPrintFn.TYPE, ContextPrintFn.GATEWAY);
        gateways.put(TraverseHookFn.TYPE, TraverseHookFn.GATEWAY);
        // where every TraverseHookFn closure's trampoline jumps (see the closures sample)
        gateways.put(TraverseHookFn.TYPE + " closures", TraverseHookFn.closures().gateway());
        System.out.println("upcalls: " + Upcalls.reason());
        gateways.forEach((type, gateway) -> System.out.println(type + ": " + Upcalls.pathOf(gateway)));
    }
}
