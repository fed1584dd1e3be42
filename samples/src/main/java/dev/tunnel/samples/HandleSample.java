package dev.tunnel.samples;

import dev.tunnel.Handle;
import dev.tunnel.samples.techniques.CHandles;
import java.util.List;

/**
 * {@code handle}: the runtime/cgo documentation's two examples with Java in Go's place. Java
 * makes a handle for {@code "hello Java"}; C's {@code myprint} gets it as {@code uintptr_t} and
 * calls back into Java, which prints the value and deletes the handle. Then the same through
 * {@code void*}.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar handle
 * hello Java
 * hello Java
 * }</pre>
 */
final class HandleSample implements Sample {
    @Override
    public String name() {
        return "handle";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String description() {
        return "runtime/cgo's Handle examples: a Java value through C as uintptr_t, then as void*";
    }

    @Override
    public void run(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("takes no arguments");
        }
        String val = "hello Java";

        // as uintptr_t: C.myprint(C.uintptr_t(cgo.NewHandle(val)))
        CHandles.myprint(Handle.of(val).address(), HandleSample::myJavaPrint);

        // as void*: C.myprint(unsafe.Pointer(&h))
        Handle<String> h = Handle.of(val);
        CHandles.myprintContext(h.pointer(), HandleSample::myJavaPrint);
    }

    /** MyGoPrint's twin: C calls it with the handle it was given. */
    static void myJavaPrint(long handle) {
        String val = Handle.valueAt(handle, String.class);
        System.out.println(val);
        Handle.delete(handle);
    }
}
