package dev.tunnel.generator;

import dev.tunnel.spi.Callback;
import dev.tunnel.generator.CallSignature.Kind;
import dev.tunnel.generator.CallSignature.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the Java source of one gateway: the {@code FunctionPointer} class that replaces
 * JavaCPP's class for a declared typedef, under the same name, so that every function and struct
 * member taking the typedef takes the gateway.
 *
 * <pre>{@code
 * String source = new GatewaySource(declaration, "dev.tunnel.traverse.lib", javacppSource, structNames, "jnitraverse", 4,
 *         "LineCallbackFn").write();
 * }</pre>
 */
final class GatewaySource {
    /** Java pointer classes of JavaCPP whose C type is known without a {@code @Cast}. */
    private static final Map<String, String> POINTEE = Map.ofEntries(
            Map.entry("Pointer", "void"), Map.entry("BytePointer", "char"), Map.entry("ShortPointer", "short"),
            Map.entry("IntPointer", "int"), Map.entry("LongPointer", "long long"), Map.entry("FloatPointer", "float"),
            Map.entry("DoublePointer", "double"), Map.entry("BoolPointer", "bool"), Map.entry("SizeTPointer", "size_t"),
            Map.entry("CLongPointer", "long"), Map.entry("PointerPointer", "void*"), Map.entry("String", "char"));

    private final Callback declaration;
    private final String typedef;
    private final String packageName;
    private final String javacppSource;
    private final CallSignature signature;
    /** The C name of a struct class JavaCPP generated (its {@code @Name}), by Java class name. */
    private final Function<String, String> structName;
    private final int userData;

    /** The JNI library of the preset, which the gateway's {@code @Platform} must name to stay in it. */
    private final String jniLibrary;
    /** The declaration's place among the preset's: the kind of its batched records. */
    private final int index;
    /** The batched typedef whose class holds the preset's one flush gateway (see {@link BatchSource}). */
    private final String flushOwner;

    GatewaySource(Callback declaration, String packageName, String javacppSource, Function<String, String> structName,
            String jniLibrary, int index, String flushOwner) {
        this.declaration = declaration;
        this.index = index;
        this.flushOwner = flushOwner;
        this.jniLibrary = jniLibrary;
        this.typedef = declaration.value();
        this.packageName = packageName;
        this.javacppSource = javacppSource;
        this.signature = CallSignature.parse(typedef, javacppSource);
        this.structName = structName;
        this.userData = userDataIndex();
    }

    private int userDataIndex() {
        int n = signature.parameters().size();
        int index = declaration.userData() == Callback.LAST ? n - 1 : declaration.userData();
        if (declaration.userData() == Callback.NONE) {
            return -1;
        }
        if (index < 0 || index >= n) {
            throw new GeneratorException(typedef + ": userData = " + declaration.userData() + ", but it has " + n
                    + " parameters (" + parameterList(signature.parameters()) + ")");
        }
        Value value = signature.parameters().get(index);
        boolean addressSized = value.kind() == Kind.POINTER || value.kind() == Kind.CHARS
                || value.javaType().equals("long") && value.cast() != null && value.cast().contains("intptr_t");
        if (!addressSized) {
            throw new GeneratorException(typedef + ": userData = " + declaration.userData() + " names '" + value.name()
                    + "', a " + value.javaType() + (value.cast() != null ? " (" + value.cast() + ")" : "")
                    + "; user data must be a pointer or uintptr_t");
        }
        return index;
    }

    /** The Java type and name of each parameter, for messages. */
    private static String parameterList(List<Value> values) {
        List<String> names = new ArrayList<>();
        for (Value v : values) {
            names.add(v.javaType() + " " + v.name());
        }
        return String.join(", ", names);
    }

    /** The C type of a pointer value, for the {@code @Cast} of its {@code long} in the gateway. */
    private String cType(Value value) {
        if (value.cast() != null) {
            return value.cast();
        }
        String pointee = POINTEE.get(value.javaType());
        if (pointee == null) {
            pointee = structName.apply(value.javaType());
        }
        return (value.isConst() ? "const " : "") + pointee + "*";
    }

    /** The parameter as the gateway's {@code call} declares it (what JavaCPP's trampoline passes). */
    private String nativeParameter(Value value) {
        return switch (value.kind()) {
            case PRIMITIVE -> (value.annotations().isEmpty() ? "" : value.annotations() + " ") + value.javaType() + " " + value.name();
            case CHARS, POINTER -> "@Cast(\"" + cType(value) + "\") long " + value.name();
            case VOID -> throw new AssertionError(value);
        };
    }

    /** The parameter as the user's {@code Function} receives it. */
    private static String javaParameter(Value value) {
        return switch (value.kind()) {
            case PRIMITIVE -> value.javaType() + " " + value.name();
            case CHARS -> "dev.tunnel.spi.CString " + value.name();
            case POINTER -> "dev.tunnel.spi.NativePointer " + value.name();
            case VOID -> throw new AssertionError(value);
        };
    }

    /** What C sees, for the javadoc: the C type of each value as JavaCPP understood it. */
    private String cDescription(Value value) {
        return switch (value.kind()) {
            case VOID -> "void";
            case PRIMITIVE -> value.cast() != null ? value.cast() : value.javaType().equals("long") ? "long long" : value.javaType()
                    .replace("boolean", "bool").replace("byte", "signed char").replace("char", "unsigned short");
            case CHARS, POINTER -> cType(value);
        };
    }

    private String javaReturnType() {
        return switch (signature.returns().kind()) {
            case VOID -> "void";
            case PRIMITIVE -> signature.returns().javaType();
            case CHARS, POINTER -> "long";
        };
    }

    private String nativeReturnType() {
        Value r = signature.returns();
        return switch (r.kind()) {
            case VOID -> "void";
            case PRIMITIVE -> (r.annotations().isEmpty() ? "" : r.annotations() + " ") + r.javaType();
            case CHARS, POINTER -> "@Cast(\"" + cType(r) + "\") long";
        };
    }

    private String failureValue() {
        String given = declaration.onFailure().trim();
        if (!given.isEmpty()) {
            return given;
        }
        return switch (javaReturnType()) {
            case "boolean" -> "false";
            case "long" -> "0L";
            case "float" -> "0f";
            case "double" -> "0d";
            case "char" -> "'\\0'";
            default -> "0";
        };
    }

    private List<Value> javaParameters() {
        List<Value> values = new ArrayList<>(signature.parameters());
        if (userData >= 0) {
            values.remove(userData);
        }
        return values;
    }

    /** The whole source file. */
    String write() {
        boolean returnsValue = signature.returns().kind() != Kind.VOID;
        boolean routed = userData >= 0;
        List<Value> all = signature.parameters();
        List<Value> java = javaParameters();
        String method = declaration.method();
        String preset = presetClass();

        List<String> cParameters = new ArrayList<>();
        for (Value v : all) {
            cParameters.add(cDescription(v) + " " + v.name());
        }
        String cSignature = cDescription(signature.returns()) + " (*" + typedef + ")(" + String.join(", ", cParameters) + ")";

        StringBuilder s = new StringBuilder();
        s.append(javacppHeader());
        s.append("// Tunnel gateway for ").append(typedef).append(", generated by tunnel-generator from @Callback(\"")
                .append(typedef).append("\") on ").append(preset).append(": DO NOT EDIT THIS FILE\n\n");
        s.append("package ").append(packageName).append(";\n\n");
        s.append(imports());
        s.append("/**\n");
        s.append(" * The C callback type {@code ").append(escape(cSignature)).append("}, served by one static\n");
        s.append(" * gateway, {@link #GATEWAY}: pass it wherever C takes this function pointer type.\n");
        if (routed) {
            s.append(" * Its {@code ").append(all.get(userData).name()).append("} (parameter ").append(userData)
                    .append(") must be the {@link dev.tunnel.spi.CallbackScope} whose target, a\n");
            s.append(" * {@link Function}, C is calling.\n");
        } else {
            s.append(" * It has no {@code user_data}: C reaches the {@link Function} that {@link #TARGET} binds to the\n");
            s.append(" * calling thread for one C call.\n");
        }
        s.append(" *\n * <pre>{@code\n");
        String lambda = "(" + names(java) + ") -> " + (returnsValue ? "..." : "{ ... }");
        if (routed) {
            s.append(" * try (CallbackScope<").append(typedef).append(".Function> scope = CallbackScope.open(").append(lambda).append(")) {\n");
            s.append(" *     // a C function taking ").append(typedef).append(".GATEWAY and scope.pointer() as its user data\n");
            s.append(" *     scope.rethrowFailure(); // the callback's Throwable, once C returned\n");
            s.append(" * }\n");
        } else {
            s.append(" * ").append(typedef).append(".TARGET.within(").append(lambda).append(", () -> c_function(").append(typedef)
                    .append(".GATEWAY));\n");
        }
        s.append(" * }</pre>\n *\n");
        s.append(" * <p>Whatever the Java side throws never reaches C: it is recorded in the call's scope");
        s.append(returnsValue ? ", C gets\n * {@code " + escape(failureValue()) + "}," : ",\n *");
        s.append(" no later callback of that call enters Java, and the Java caller rethrows it.\n");
        s.append(" * Pointer arguments are views valid during the callback only.\n */\n");
        // tunnel_closure.h: the C side of closures (ClosureSource), compiled into the preset's JNI library
        // (a @Platform of its own makes a class a library of its own, unless it names the preset's)
        // tunnel_events.h: the C side of batched delivery (BatchSource)
        s.append("@Properties(inherit = ").append(preset).append(".class, value = @Platform(include = ")
                .append(declaration.batched() ? "{\"tunnel_closure.h\", \"tunnel_events.h\"}" : "\"tunnel_closure.h\"")
                .append(", library = \"").append(jniLibrary).append("\"))\n");
        s.append("public final class ").append(typedef).append(" extends FunctionPointer {\n");
        s.append("    static { Loader.load(); }\n\n");
        s.append("    /** The C callback type, as log messages and exceptions name it. */\n");
        s.append("    public static final String TYPE = \"").append(typedef).append("\";\n\n");
        if (returnsValue) {
            s.append("    /** What C gets when the Java side failed or was not called. */\n");
            s.append("    public static final ").append(javaReturnType()).append(" ON_FAILURE = ").append(failureValue()).append(";\n\n");
        }
        s.append("    /** What Java implements for this callback type: C's parameters");
        s.append(routed ? " less the user data" : "").append(". */\n");
        s.append("    @FunctionalInterface\n    public interface Function {\n");
        s.append("        /**\n         * Called for each call C makes");
        if (!java.isEmpty()) {
            s.append("; C passes");
            List<String> described = new ArrayList<>();
            for (Value v : java) {
                described.add("{@code " + v.name() + "} as {@code " + escape(cDescription(v)) + "}");
            }
            s.append(" ").append(String.join(", ", described));
        }
        s.append(".\n");
        if (returnsValue) {
            s.append("         *\n         * @return what C gets, as {@code ").append(escape(cDescription(signature.returns()))).append("}\n");
        }
        s.append("         */\n");
        s.append("        ").append(javaReturnType()).append(" ").append(method).append("(").append(javaParameterList(java)).append(");\n");
        s.append("    }\n\n");
        if (!routed) {
            s.append("    /** Binds a {@link Function} to the calling thread for the duration of one C call. */\n");
            s.append("    public static final dev.tunnel.spi.ThreadBoundCallback<Function> TARGET = new dev.tunnel.spi.ThreadBoundCallback<>(TYPE);\n\n");
        }
        s.append("    /** The one C function pointer for every ").append(typedef).append("; strongly held, so never collected. */\n");
        s.append("    public static final ").append(typedef).append(" GATEWAY = dev.tunnel.spi.Gateways.require(new ").append(typedef)
                .append("(), java.lang.invoke.MethodHandles.lookup());\n\n");
        s.append("    private ").append(typedef).append("() { allocate(); }\n");
        s.append("    private native void allocate();\n\n");
        s.append("    /** Called by C only, through {@link #GATEWAY}; never throws. */\n");
        String scopeType = routed ? "dev.tunnel.spi.CallbackScope<?>" : "dev.tunnel.spi.CallbackScope<Function>";
        s.append(callMethod(scopeType + " scope$",
                routed ? "dev.tunnel.spi.CallbackScope.enter(" + all.get(userData).name() + ", TYPE)" : "TARGET.enter()",
                routed ? "target(scope$)" : "scope$.target()",
                "dev.tunnel.spi.CallbackScope.recordFailure(scope$, thrown$, TYPE)"));
        if (routed) {
            s.append("\n    private static Function target(dev.tunnel.spi.CallbackScope<?> scope) {\n");
            s.append("        Object target = scope.target();\n");
            s.append("        if (target instanceof Function) {\n            return (Function) target;\n        }\n");
            s.append("        throw dev.tunnel.spi.CallbackScope.wrongTarget(scope, Function.class, TYPE);\n");
            s.append("    }\n");
        }
        s.append(new ClosureSource(this, typedef).write());
        if (declaration.batched()) {
            s.append(new BatchSource(typedef, signature, userData, method, declaration.lengths(), declaration.strings(), declaration.join(),
                    index, flushOwner).write());
        } else if (declaration.join()) {
            throw new GeneratorException(typedef + ": join = true joins batched calls; declare batched = true too");
        }
        s.append("}\n");
        return s.toString();
    }

    /**
     * The {@code call} method C's calls reach, as a class member: it finds what C called
     * ({@code holder}, declared as given, set to {@code enter}, null when nothing is to be
     * called), calls {@code target} with views of the pointer arguments, and hands any Throwable
     * to {@code failure}; nothing ever leaves it.
     */
    String callMethod(String holder, String enter, String target, String failure) {
        boolean returnsValue = signature.returns().kind() != Kind.VOID;
        String holderName = holder.substring(holder.lastIndexOf(' ') + 1);
        List<Value> java = javaParameters();
        StringBuilder s = new StringBuilder();
        List<String> nativeParameters = new ArrayList<>();
        for (Value v : signature.parameters()) {
            nativeParameters.add(nativeParameter(v));
        }
        s.append("    public ").append(nativeReturnType()).append(" call(").append(String.join(", ", nativeParameters)).append(") {\n");
        s.append("        ").append(holder).append(" = null;\n");
        List<Value> views = new ArrayList<>();
        for (Value v : java) {
            if (v.kind() != Kind.PRIMITIVE) {
                views.add(v);
                s.append("        ").append(viewType(v)).append(" ").append(viewName(v)).append(" = null;\n");
            }
        }
        s.append("        try {\n");
        s.append("            ").append(holderName).append(" = ").append(enter).append(";\n");
        s.append("            if (").append(holderName).append(" != null) {\n");
        if (!views.isEmpty()) {
            s.append("                Function target$ = ").append(target).append(";\n");
            target = "target$";
            for (Value v : views) {
                s.append("                ").append(viewName(v)).append(" = ").append(viewType(v)).append(".borrow(").append(v.name())
                        .append(", TYPE, \"").append(v.name()).append("\");\n");
            }
        }
        List<String> arguments = new ArrayList<>();
        for (Value v : java) {
            arguments.add(v.kind() == Kind.PRIMITIVE ? v.name() : viewName(v));
        }
        s.append("                ").append(returnsValue ? "return " : "").append(target).append(".").append(declaration.method()).append("(")
                .append(String.join(", ", arguments)).append(");\n");
        s.append("            }\n");
        s.append("        } catch (Throwable thrown$) {\n");
        // Nothing may leave call(): through an FFM upcall stub a Throwable ends the JVM, through
        // JNI it unwinds C frames. The failure handlers catch what they throw; these catch a
        // StackOverflowError on entering them, when the stack is nearly used up.
        s.append("            try {\n");
        s.append("                ").append(failure).append(";\n");
        s.append("            } catch (Throwable lost$) {\n");
        s.append("                // no stack left to record it: C gets the failure value all the same\n");
        s.append("            }\n");
        if (!views.isEmpty()) {
            s.append("        } finally {\n");
            for (Value v : views) {
                s.append("            try {\n");
                s.append("                dev.tunnel.spi.Borrowed.release(").append(viewName(v)).append(");\n");
                s.append("            } catch (Throwable lost$) {\n");
                s.append("                // as above\n");
                s.append("            }\n");
            }
        }
        s.append("        }\n");
        if (returnsValue) {
            s.append("        return ON_FAILURE;\n");
        }
        s.append("    }\n");
        return s.toString();
    }

    /**
     * The local holding a pointer parameter's view: the parameter's name and {@code $view}, which
     * no C name and none of the call's own locals ({@code scope$}, {@code target$}, ...) can be,
     * whatever C names its parameters (expat's processing-instruction handler has a {@code target}).
     */
    private static String viewName(Value v) {
        return v.name() + "$view";
    }

    private static String viewType(Value v) {
        return v.kind() == Kind.CHARS ? "dev.tunnel.spi.CString" : "dev.tunnel.spi.NativePointer";
    }

    private static String names(List<Value> values) {
        List<String> names = new ArrayList<>();
        for (Value v : values) {
            names.add(v.name());
        }
        return String.join(", ", names);
    }

    private static String javaParameterList(List<Value> values) {
        List<String> parameters = new ArrayList<>();
        for (Value v : values) {
            parameters.add(javaParameter(v));
        }
        return String.join(", ", parameters);
    }

    /** JavaCPP's first comment line ("Targeted by JavaCPP version ..."), kept as it is. */
    private String javacppHeader() {
        String first = javacppSource.lines().findFirst().orElse("");
        return first.startsWith("//") ? first + "\n" : "";
    }

    /** JavaCPP's imports, kept: they include the static import of the global class. */
    private String imports() {
        StringBuilder s = new StringBuilder();
        javacppSource.lines().filter(l -> l.startsWith("import ")).forEach(l -> s.append(l).append('\n'));
        return s.append('\n').toString();
    }

    private String presetClass() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("@Properties\\(inherit\\s*=\\s*([\\w.]+)\\.class\\)").matcher(javacppSource);
        if (!m.find()) {
            throw new GeneratorException(typedef + ": JavaCPP's class for it has no @Properties(inherit = ...)");
        }
        return m.group(1);
    }

    private static String escape(String text) {
        return text.replace("*/", "*&#47;");
    }
}
