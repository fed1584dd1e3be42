package dev.tunnel.generator;

/**
 * Writes the closure half of a gateway's source: the typedef's {@code closure(...)} factories,
 * the constructor a closure's pointer is made with, and {@code ClosureGateway}, the nested
 * {@code FunctionPointer} every closure's trampoline jumps to (see {@code dev.tunnel.spi.Closure}
 * and {@code dev/tunnel/include/tunnel_closure.h}).
 *
 * <pre>{@code
 * String members = new ClosureSource(gatewaySource, "TraverseHookFn").write(); // inside the class body
 * }</pre>
 */
final class ClosureSource {
    private final GatewaySource gateway;
    private final String typedef;

    ClosureSource(GatewaySource gateway, String typedef) {
        this.gateway = gateway;
        this.typedef = typedef;
    }

    String write() {
        String closure = "dev.tunnel.spi.Closure<" + typedef + ">";
        String registry = "dev.tunnel.spi.ClosureRegistry<" + typedef + ", Function>";
        StringBuilder s = new StringBuilder();
        s.append("\n    /**\n");
        s.append("     * Opens a closure: {@code target} with a C function pointer of its own, {@link dev.tunnel.spi.Closure#pointer()},\n");
        s.append("     * for C APIs that keep the pointer and call it later, from any thread. It lives until closed;\n");
        s.append("     * what {@code target} throws goes to {@link dev.tunnel.spi.Closure#defaultExceptionHandler()}.\n");
        s.append("     *\n     * <pre>{@code\n");
        s.append("     * try (Closure<").append(typedef).append("> closure = ").append(typedef).append(".closure(target)) {\n");
        s.append("     *     // a C function that keeps closure.pointer()\n");
        s.append("     * }\n     * }</pre>\n");
        s.append("     *\n     * @throws IllegalStateException naming the platform if C has no room for another closure\n");
        s.append("     */\n");
        s.append("    public static ").append(closure).append(" closure(Function target) {\n");
        s.append("        return ClosureGateway.CLOSURES.open(target, null);\n");
        s.append("    }\n\n");
        s.append("    /** {@link #closure(Function)}, with a handler of its own for what {@code target} throws. */\n");
        s.append("    public static ").append(closure).append(" closure(Function target, dev.tunnel.spi.ClosureExceptionHandler onException) {\n");
        s.append("        return ClosureGateway.CLOSURES.open(target, java.util.Objects.requireNonNull(onException, \"onException\"));\n");
        s.append("    }\n\n");
        s.append("    /** The open closures of this type, and the calls through closed ones. */\n");
        s.append("    public static ").append(registry).append(" closures() {\n");
        s.append("        return ClosureGateway.CLOSURES;\n");
        s.append("    }\n\n");
        s.append("    /** A closure's pointer: its C slot, whose first word is the closure's code. */\n");
        s.append("    private ").append(typedef).append("(long slot) { this.address = slot; }\n\n");

        s.append("    /**\n");
        s.append("     * The gateway of every closure of this type: C reaches it through a closure's pointer, which\n");
        s.append("     * records in a thread-local variable which closure C called. Not for direct use.\n");
        s.append("     */\n");
        s.append("    public static final class ClosureGateway extends FunctionPointer {\n");
        s.append("        static { Loader.load(); }\n\n");
        s.append("        static final ClosureGateway GATEWAY = dev.tunnel.spi.Gateways.require(new ClosureGateway(), java.lang.invoke.MethodHandles.lookup());\n");
        s.append("        static final ").append(registry).append(" CLOSURES = new dev.tunnel.spi.ClosureRegistry<>(TYPE, GATEWAY, ")
                .append(typedef).append("::new, new Slots());\n");
        s.append("        /** On Java 22+, tunnel_closure_current as an FFM critical downcall (null on JNI): the first act of every call. */\n");
        s.append("        static final java.lang.invoke.MethodHandle CURRENT = dev.tunnel.spi.Upcalls.criticalLongGetter(Slots.currentAddress());\n\n");
        s.append("        private ClosureGateway() { allocate(); }\n");
        s.append("        private native void allocate();\n\n");
        s.append("        /** Called by C only, through a closure's pointer; never throws. */\n");
        s.append(indent(gateway.callMethod("dev.tunnel.spi.ClosureRegistry.Entry<Function> closure$",
                "CLOSURES.enter(CURRENT != null ? (long) CURRENT.invokeExact() : Slots.current())", "closure$.target()", "CLOSURES.uncaught(closure$, thrown$)")));
        s.append("    }\n\n");
        // a Pointer, or JavaCPP's generator would pass over a nested class's natives; @Opaque: no C type
        s.append("    /** tunnel_closure.h, which this class's {@code @Platform} compiles into the preset's JNI library. */\n");
        s.append("    @Opaque private static final class Slots extends Pointer implements dev.tunnel.spi.ClosureRegistry.Slots {\n");
        s.append("        @NoException @Namespace @Name(\"tunnel_closure_current\") static native @Cast(\"uint64_t\") long current();\n");
        s.append("        @NoException @Namespace @Name(\"tunnel_closure_current_address\") static native @Cast(\"uintptr_t\") long currentAddress();\n");
        s.append("        @NoException @Namespace @Name(\"tunnel_closure_open\") static native @Cast(\"intptr_t\") long openSlot(@Cast(\"uint64_t\") long id, @Cast(\"void*\") long gateway);\n");
        s.append("        @NoException @Namespace @Name(\"tunnel_closure_retire\") static native void retireSlot(@Cast(\"tunnel_closure_slot*\") long slot);\n");
        s.append("        @NoException @Namespace @Name(\"tunnel_closure_error\") static native String lastError();\n\n");
        s.append("        @Override public long open(long id, long gateway) { return openSlot(id, gateway); }\n");
        s.append("        @Override public void retire(long slot) { retireSlot(slot); }\n");
        s.append("        @Override public String error() { return lastError(); }\n");
        s.append("    }\n");
        return s.toString();
    }

    /** {@code members}, one level deeper: the nested class's. */
    private static String indent(String members) {
        return members.lines().map(l -> l.isEmpty() ? l : "    " + l).reduce("", (a, b) -> a + b + "\n");
    }
}
