package dev.tunnel.samples;

import dev.tunnel.samples.techniques.CLibrary;
import java.util.List;

/**
 * {@code callbacks}: the cgo wiki's function-pointer callback example, with Java in Go's place.
 * C's {@code some_c_func} calls a C function pointer; Tunnel's gateway routes it to
 * {@code callOnMeJava}.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar callbacks
 * Java.main(): calling C function with callback to us
 * C.some_c_func(): calling callback with arg = 2
 * Java.callOnMeJava(): called with arg = 2
 * C.some_c_func(): callback responded with 3
 * }</pre>
 */
final class CallbacksSample implements Sample {
    @Override
    public String name() {
        return "callbacks";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String description() {
        return "the cgo wiki's some_c_func example: C calls a Java function through a function pointer";
    }

    @Override
    public void run(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("takes no arguments");
        }
        System.out.println("Java.main(): calling C function with callback to us");
        System.out.flush(); // C writes to the same stdout through its own buffer
        CLibrary.someCFunc(CallbacksSample::callOnMeJava);
    }

    static int callOnMeJava(int in) {
        System.out.printf("Java.callOnMeJava(): called with arg = %d%n", in);
        System.out.flush();
        return in + 1;
    }
}
