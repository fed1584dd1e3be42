package dev.tunnel.generator;

import dev.tunnel.generator.CallSignature.Kind;
import dev.tunnel.generator.CallSignature.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the batched half of a gateway's source, for {@code @Callback(batched = true)}: the
 * {@code Batched} interface, the {@code BATCHING} pointer to a C gateway that appends each call to
 * an {@code EventBatch}, and the decoder {@code batched(handler)} returns. The C gateway is
 * written here too, as a lambda in a {@code @MemberGetter}'s name, which JavaCPP compiles into the
 * preset's JNI library: no C file to generate, include or keep in step.
 *
 * <p>The record layout is {@code dev/tunnel/include/tunnel_events.h}'s: a header word, then per
 * argument but user data a slot of 8 bytes (scalars, pointers) or 16 (bytes: length and where),
 * then the copied bytes. A length argument has no slot: it is its bytes' length. A joining
 * typedef's gateway ({@code join = true}) first tries to append its bytes to the record the
 * previous call left ({@code tunnel_events_join}).
 *
 * <pre>{@code
 * String members = new BatchSource("LineCallbackFn", signature, 0, "line", new String[] {"bytes=length"}, new String[0], false,
 *         4, "LineCallbackFn").write(); // inside the class body
 * }</pre>
 */
final class BatchSource {
    /** The largest record before its payload; keeps a record of any event inside the smallest batch. */
    static final int MAX_FIXED = 1024;

    private final String typedef;
    private final String method;
    private final int kind;
    private final List<Value> parameters;
    private final int userData;
    /** Each byte-range pointer's length parameter, by pointer name. */
    private final Map<String, Value> lengthOf = new HashMap<>();
    /** The parameters that are some pointer's length. */
    private final Map<String, Value> lengths = new HashMap<>();
    /** The parameters that are NULL-terminated string arrays. */
    private final java.util.Set<String> strings = new java.util.HashSet<>();
    /** Each parameter's slot offset in the record (none for user data and lengths). */
    private final Map<String, Integer> slots = new LinkedHashMap<>();
    private final int fixed;
    /** Whether consecutive calls are joined into one record ({@code @Callback(join = true)}). */
    private final boolean join;

    /** The typedef whose class holds the preset's one {@code EventFlush}: this one, or another of the preset. */
    private final String flushOwner;

    BatchSource(String typedef, CallSignature signature, int userData, String method, String[] lengthDeclarations,
            String[] stringArrays, boolean join, int kind, String flushOwner) {
        this.typedef = typedef;
        this.join = join;
        this.flushOwner = flushOwner;
        this.method = method;
        this.kind = kind;
        this.parameters = signature.parameters();
        this.userData = userData;
        if (signature.returns().kind() != Kind.VOID) {
            throw new GeneratorException(typedef + ": batched = true needs a void callback; this one returns "
                    + signature.returns().javaType() + ", which C would wait for");
        }
        if (userData < 0) {
            throw new GeneratorException(typedef + ": batched = true needs a user data parameter, which carries the batch");
        }
        for (String declaration : lengthDeclarations) {
            String[] pair = declaration.split("=", -1);
            if (pair.length != 2) {
                throw new GeneratorException(typedef + ": lengths entry '" + declaration + "' is not pointer=length");
            }
            Value pointer = parameter(pair[0].trim(), declaration);
            Value length = parameter(pair[1].trim(), declaration);
            if (pointer.kind() != Kind.CHARS && pointer.kind() != Kind.POINTER || parameters.indexOf(pointer) == userData) {
                throw new GeneratorException(typedef + ": lengths entry '" + declaration + "': " + pointer.name() + " is not a pointer");
            }
            if (length.kind() != Kind.PRIMITIVE || !List.of("byte", "short", "int", "long").contains(length.javaType())) {
                throw new GeneratorException(typedef + ": lengths entry '" + declaration + "': " + length.name() + " is not an integer");
            }
            if (lengthOf.put(pointer.name(), length) != null || lengths.put(length.name(), length) != null) {
                throw new GeneratorException(typedef + ": lengths entry '" + declaration + "' names a parameter twice");
            }
        }
        for (String name : stringArrays) {
            Value array = parameter(name.trim(), name);
            if (array.kind() != Kind.POINTER || parameters.indexOf(array) == userData || lengthOf.containsKey(array.name())) {
                throw new GeneratorException(typedef + ": strings entry '" + name + "' is not a char** parameter");
            }
            strings.add(array.name());
        }
        int offset = 8;
        for (int i = 0; i < parameters.size(); i++) {
            Value v = parameters.get(i);
            if (i == userData || lengths.containsKey(v.name())) {
                continue;
            }
            slots.put(v.name(), offset);
            offset += isBytes(v) || isStrings(v) ? 16 : 8;
        }
        if (offset > MAX_FIXED) {
            throw new GeneratorException(typedef + ": " + slots.size() + " arguments take " + offset + " bytes per record; batches take at most "
                    + MAX_FIXED);
        }
        this.fixed = offset;
        if (join && (slots.size() != 1 || lengthOf.size() != 1 || !lengthOf.containsKey(slots.keySet().iterator().next()))) {
            throw new GeneratorException(typedef + ": join = true needs a byte range declared in lengths as the one argument but"
                    + " the user data and its length; " + typedef + " has " + String.join(", ", slots.keySet()));
        }
    }

    private Value parameter(String name, String declaration) {
        for (Value v : parameters) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new GeneratorException(typedef + ": lengths entry '" + declaration + "' names no parameter '" + name + "'");
    }

    /** Whether a parameter's bytes are copied: a {@code char*}, or a pointer with a declared length. */
    private boolean isBytes(Value v) {
        return v.kind() == Kind.CHARS || v.kind() == Kind.POINTER && lengthOf.containsKey(v.name());
    }

    /** Whether a parameter is a declared NULL-terminated string array. */
    private boolean isStrings(Value v) {
        return strings.contains(v.name());
    }

    /** Whether a parameter's content is copied into the record's payload. */
    private boolean isCopied(Value v) {
        return isBytes(v) || isStrings(v);
    }

    private List<Value> javaParameters() {
        List<Value> values = new ArrayList<>(parameters);
        values.remove(userData);
        return values;
    }

    String write() {
        StringBuilder s = new StringBuilder();
        List<Value> java = javaParameters();
        List<String> declared = new ArrayList<>();
        for (Value v : java) {
            declared.add(javaType(v) + " " + v.name());
        }
        s.append("\n    /**\n");
        s.append("     * What Java implements to receive this type's calls batched, through {@link #BATCHING} and a\n");
        s.append("     * {@link dev.tunnel.spi.EventBatch}: C's parameters less the user data, strings and byte ranges as\n");
        s.append("     * {@link dev.tunnel.spi.EventBytes} views valid during the call, other pointers as addresses.\n");
        s.append("     */\n");
        s.append("    @FunctionalInterface\n    public interface Batched {\n");
        s.append(join ? "        /** Called for each run of calls C made one after another, their bytes joined in order, up to one batch later. */\n"
                : "        /** Called for each call C made, in order, up to one batch later. */\n");
        s.append("        void ").append(method).append("(").append(String.join(", ", declared)).append(");\n");
        s.append("    }\n\n");
        s.append("    /**\n");
        s.append("     * The batching gateway: a C function of this type that appends each call to the\n");
        s.append("     * {@link dev.tunnel.spi.EventBatch} C passes as its user data. Pass it with {@code batch.pointer()}.\n");
        s.append("     */\n");
        s.append("    public static final ").append(typedef).append(" BATCHING = new ").append(typedef).append("(BatchGateway.PEER.address());\n\n");
        s.append("    /**\n");
        s.append("     * This type's part of an {@link dev.tunnel.spi.EventBatch}: decodes its records into calls of\n");
        s.append("     * {@code handler}, on the thread C flushed the batch on.\n");
        s.append("     *\n     * <pre>{@code\n");
        s.append("     * try (EventBatch batch = EventBatch.open(EventBatch.DEFAULT_CAPACITY, ").append(typedef).append(".batched(handler))) {\n");
        s.append("     *     // a C function taking ").append(typedef).append(".BATCHING and batch.pointer() as its user data\n");
        s.append("     *     batch.finish();\n");
        s.append("     * }\n     * }</pre>\n     */\n");
        s.append("    public static dev.tunnel.spi.EventKind batched(Batched handler) {\n");
        s.append("        return new BatchDecoder(java.util.Objects.requireNonNull(handler, \"handler\"));\n");
        s.append("    }\n\n");
        s.append(decoder(java));
        s.append(gateway());
        if (flushOwner.equals(typedef)) {
            s.append(flush());
        }
        return s.toString();
    }

    private String javaType(Value v) {
        if (isBytes(v)) {
            return "dev.tunnel.spi.EventBytes";
        }
        if (isStrings(v)) {
            return "dev.tunnel.spi.EventStrings";
        }
        return v.kind() == Kind.POINTER ? "long" : v.javaType();
    }

    private String decoder(List<Value> java) {
        StringBuilder s = new StringBuilder();
        s.append("    /** Decodes ").append(typedef).append(" records (tunnel_events.h) into calls of a {@link Batched}. */\n");
        s.append("    private static final class BatchDecoder extends dev.tunnel.spi.EventKind {\n");
        s.append("        /** The kind C writes: this typedef's place among the preset's declarations. */\n");
        s.append("        static final int KIND = ").append(kind).append(";\n");
        s.append("        /** Bytes before the payload: the header and the slots. */\n");
        s.append("        static final int FIXED = ").append(fixed).append(";\n");
        s.append("        private final Batched handler;\n");
        for (Value v : java) {
            if (isCopied(v)) {
                s.append("        private final ").append(javaType(v)).append(" ").append(v.name()).append("$view = new ").append(javaType(v))
                        .append("(TYPE, \"").append(v.name()).append("\");\n");
            }
        }
        s.append("\n        BatchDecoder(Batched handler) {\n");
        s.append("            super(TYPE, KIND, ").append(flushOwner.equals(typedef) ? "" : flushOwner + ".").append("EventFlush.GATEWAY);\n");
        s.append("            this.handler = handler;\n");
        s.append("        }\n\n");
        s.append("        @Override\n        protected void decodeRun(java.nio.ByteBuffer records$, int at$, int end$) {\n");
        if (java.stream().anyMatch(this::isCopied)) {
            // the record's body in the loop itself: a decode() compiled on its own first is too large to inline here
            s.append("            while (at$ < end$) {\n");
            s.append(body(java, "                "));
            s.append("                at$ += size$;\n");
            s.append("            }\n");
        } else {
            // every record is FIXED bytes: the next one's offset does not wait for this one's header to load
            s.append("            long header$ = KIND | (long) FIXED << 32;\n");
            s.append("            for (; at$ <= end$ - FIXED; at$ += FIXED) {\n");
            s.append("                if (records$.getLong(at$) != header$) {\n");
            s.append("                    throw wrongRecord(records$.getLong(at$), at$, end$, KIND, FIXED, TYPE);\n");
            s.append("                }\n");
            s.append("                ").append(handlerCall(java)).append("\n");
            s.append("            }\n");
            s.append("            if (at$ != end$) {\n");
            s.append("                throw wrongRecord(records$.getLong(at$), at$, end$, KIND, FIXED, TYPE);\n");
            s.append("            }\n");
        }
        s.append("        }\n\n");
        s.append("        @Override\n        protected int decode(java.nio.ByteBuffer records$, int at$, int end$) {\n");
        s.append(body(java, "            "));
        s.append("            return size$;\n        }\n\n");
        s.append("        @Override\n        protected void release() {\n");
        for (Value v : java) {
            if (isCopied(v)) {
                s.append("            ").append(v.name()).append("$view.release();\n");
            }
        }
        s.append("        }\n    }\n\n");
        return s.toString();
    }

    /** Decodes the record at {@code at$} into a handler call, leaving its size in {@code size$}. */
    private String body(List<Value> java, String indent) {
        StringBuilder s = new StringBuilder();
        s.append(indent).append("int size$ = recordSize(records$.getLong(at$), at$, end$, KIND, FIXED, TYPE);\n");
        if (java.stream().anyMatch(this::isCopied)) {
            s.append(indent).append("int payload$ = at$ + FIXED;\n");
        }
        List<String> arguments = new ArrayList<>();
        List<String> released = new ArrayList<>();
        for (Value v : java) {
            if (isCopied(v)) {
                s.append(indent).append(javaType(v)).append(" ").append(v.name()).append(" = ").append(v.name())
                        .append("$view.lend(records$, at$ + ").append(slots.get(v.name())).append(", payload$, at$ + size$);\n");
                s.append(indent).append("payload$ = ").append(v.name()).append("$view.next();\n");
                released.add(v.name() + "$view");
                arguments.add(v.name());
            } else if (lengths.containsKey(v.name())) {
                arguments.add(cast(v.javaType(), "records$.getLong(at$ + " + slots.get(pointerOf(v)) + ")"));
            } else {
                arguments.add(read(v, "at$ + " + slots.get(v.name())));
            }
        }
        s.append(indent).append("handler.").append(method).append("(").append(String.join(", ", arguments)).append(");\n");
        for (String view : released) {
            s.append(indent).append(view).append(".release();\n");
        }
        return s.toString();
    }

    /** The handler call of a kind without bytes: each argument read from its slot. */
    private String handlerCall(List<Value> java) {
        List<String> arguments = new ArrayList<>();
        for (Value v : java) {
            arguments.add(read(v, "at$ + " + slots.get(v.name())));
        }
        return "handler." + method + "(" + String.join(", ", arguments) + ");";
    }

    private String pointerOf(Value length) {
        for (Map.Entry<String, Value> e : lengthOf.entrySet()) {
            if (e.getValue() == length) {
                return e.getKey();
            }
        }
        throw new AssertionError(length);
    }

    private static String read(Value v, String offset) {
        if (v.kind() == Kind.POINTER) {
            return "records$.getLong(" + offset + ")";
        }
        return switch (v.javaType()) {
            case "double" -> "records$.getDouble(" + offset + ")";
            case "float" -> "(float) records$.getDouble(" + offset + ")";
            case "boolean" -> "records$.getLong(" + offset + ") != 0";
            default -> cast(v.javaType(), "records$.getLong(" + offset + ")");
        };
    }

    private static String cast(String javaType, String expression) {
        return javaType.equals("long") ? expression : "(" + javaType + ") " + expression;
    }

    /** The C gateway, a lambda of the typedef's exact type, and the word JavaCPP reads its address from. */
    private String gateway() {
        StringBuilder c = new StringBuilder();
        List<String> params = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            params.add("tunnel_events_param<" + typedef + ", " + i + ">::type " + parameters.get(i).name());
        }
        c.append("(").append(String.join(", ", params)).append(") {\n");
        c.append("  tunnel_events* tunnel_e = (tunnel_events*)").append(parameters.get(userData).name()).append(";\n");
        List<Value> bytes = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Value v = parameters.get(i);
            if (i != userData && isCopied(v)) {
                bytes.add(v);
            }
        }
        String size = String.valueOf(fixed);
        if (!bytes.isEmpty()) {
            c.append("  size_t tunnel_n = 0;\n");
            for (Value v : bytes) {
                if (isStrings(v)) {
                    c.append("  uint64_t tunnel_count_").append(v.name()).append(";\n");
                    c.append("  tunnel_n = tunnel_events_strings_payload(tunnel_n, (const char* const*)").append(v.name())
                            .append(", &tunnel_count_").append(v.name()).append(");\n");
                } else {
                    c.append("  uint64_t tunnel_length_").append(v.name()).append(" = ").append(cLength(v)).append(";\n");
                    c.append("  tunnel_n = tunnel_events_payload(tunnel_n, ").append(v.name()).append(", tunnel_length_").append(v.name()).append(");\n");
                }
            }
            if (join) {
                Value range = bytes.get(0);
                c.append("  if (tunnel_events_join(tunnel_e, ").append(kind).append(", ").append(range.name()).append(", tunnel_length_")
                        .append(range.name()).append(")) {\n    return;\n  }\n");
            }
            c.append("  int tunnel_lend = tunnel_n > tunnel_e->inline_max;\n");
            size = fixed + " + (tunnel_lend ? 0 : tunnel_n)";
        }
        c.append("  uint8_t* tunnel_r = tunnel_events_begin(tunnel_e, ").append(kind).append(", ").append(size).append(");\n");
        c.append("  if (tunnel_r == NULL) {\n    return;\n  }\n");
        if (!bytes.isEmpty()) {
            c.append("  uint8_t* tunnel_p = tunnel_r + ").append(fixed).append(";\n");
        }
        for (Map.Entry<String, Integer> slot : slots.entrySet()) {
            Value v = parameter(slot.getKey(), slot.getKey());
            String at = "tunnel_r + " + slot.getValue();
            if (isStrings(v)) {
                c.append("  tunnel_p = tunnel_events_put_strings(").append(at).append(", tunnel_p, (const char* const*)").append(v.name())
                        .append(", tunnel_count_").append(v.name()).append(", tunnel_lend);\n");
            } else if (isBytes(v)) {
                c.append("  tunnel_p = tunnel_events_put_bytes(").append(at).append(", tunnel_p, ").append(v.name()).append(", tunnel_length_")
                        .append(v.name()).append(", tunnel_lend);\n");
            } else if (v.kind() == Kind.POINTER) {
                c.append("  tunnel_events_put_i64(").append(at).append(", (int64_t)(intptr_t)(").append(v.name()).append("));\n");
            } else if (v.javaType().equals("double") || v.javaType().equals("float")) {
                c.append("  tunnel_events_put_f64(").append(at).append(", (double)(").append(v.name()).append("));\n");
            } else {
                c.append("  tunnel_events_put_i64(").append(at).append(", (int64_t)(").append(v.name()).append("));\n");
            }
        }
        if (!bytes.isEmpty()) {
            c.append("  (void)tunnel_p;\n");
            c.append("  if (tunnel_lend) {\n");
            c.append("    tunnel_events_flush(tunnel_e); /* lent bytes are C's only until this call returns */\n");
            c.append(join ? "  } else {\n    tunnel_events_joinable(tunnel_e, tunnel_r);\n  }\n" : "  }\n");
        }
        c.append("}");
        String expression = "TUNNEL_EVENTS_GATEWAY(" + typedef + ", " + c + ")";

        StringBuilder s = new StringBuilder();
        s.append("    /** tunnel_events.h, and this type's C gateway, compiled into the preset's JNI library. */\n");
        s.append("    @Opaque private static final class BatchGateway extends Pointer {\n");
        s.append("        /** The word JavaCPP reads a function pointer's C function from: the gateway's address. */\n");
        s.append("        static final org.bytedeco.javacpp.LongPointer PEER = new org.bytedeco.javacpp.LongPointer(1).put(function());\n\n");
        s.append("        @NoException @MemberGetter @Namespace @Name(\n");
        List<String> lines = expression.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            s.append("            \"").append(javaString(lines.get(i))).append(i + 1 < lines.size() ? "\\n\" +\n" : "\")\n");
        }
        s.append("        static native @Cast(\"intptr_t\") long function();\n");
        s.append("    }\n\n");
        return s.toString();
    }

    /** The C expression of a bytes parameter's length: its length parameter, or strlen. */
    private String cLength(Value v) {
        Value length = lengthOf.get(v.name());
        if (length != null) {
            return "(uint64_t)(" + length.name() + ")";
        }
        return v.name() + " != NULL ? (uint64_t)strlen((const char*)" + v.name() + ") : 0";
    }

    private String flush() {
        StringBuilder s = new StringBuilder();
        s.append("    /**\n");
        s.append("     * What C calls with a full batch, for every batched typedef of the preset: hands it to\n");
        s.append("     * {@link dev.tunnel.spi.EventBatch#deliver}. Not for direct use.\n");
        s.append("     */\n");
        s.append("    public static final class EventFlush extends FunctionPointer {\n");
        s.append("        static { Loader.load(); }\n\n");
        s.append("        static final EventFlush GATEWAY = dev.tunnel.spi.Gateways.require(new EventFlush(), java.lang.invoke.MethodHandles.lookup());\n\n");
        s.append("        private EventFlush() { allocate(); }\n");
        s.append("        private native void allocate();\n\n");
        s.append("        /** Called by C only; never throws. */\n");
        s.append("        public void call(@Cast(\"void*\") long user_data, int bytes) {\n");
        s.append("            dev.tunnel.spi.EventBatch.deliver(user_data, bytes);\n");
        s.append("        }\n");
        s.append("    }\n");
        return s.toString();
    }

    private static String javaString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
