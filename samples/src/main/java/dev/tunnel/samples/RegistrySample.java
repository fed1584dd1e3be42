package dev.tunnel.samples;

import dev.tunnel.samples.techniques.CLibrary;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * {@code registry}: the cgo wiki's function registry, done by Tunnel: several Java functions
 * passed in turn to C's {@code some_c_func}, which takes a bare {@code int (*)(int)} with no
 * user_data. Each call binds its function to the calling thread for the duration of the C call,
 * so no global table, index or lock is needed.
 *
 * <pre>{@code
 * $ java -jar samples/target/tunnel-samples.jar registry
 * Java: passing "increment" to C
 * C.some_c_func(): calling callback with arg = 2
 * C.some_c_func(): callback responded with 3
 * ...
 * }</pre>
 */
final class RegistrySample implements Sample {
    @Override
    public String name() {
        return "registry";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String description() {
        return "several Java functions through a C callback that has no user_data";
    }

    @Override
    public void run(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("takes no arguments");
        }
        Map<String, IntUnaryOperator> functions = new java.util.LinkedHashMap<>();
        functions.put("increment", x -> x + 1);
        functions.put("square", x -> x * x);
        functions.put("negate", x -> -x);
        for (Map.Entry<String, IntUnaryOperator> function : functions.entrySet()) {
            System.out.println("Java: passing \"" + function.getKey() + "\" to C");
            System.out.flush();
            CLibrary.someCFunc(function.getValue());
        }
    }
}
