package dev.tunnel.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C signature of a callback typedef as JavaCPP's parser wrote it: the {@code native call}
 * method of the {@code FunctionPointer} class it generated for the typedef, read back from that
 * source. JavaCPP has already resolved macros, typedef chains and the preset's {@code InfoMap},
 * so this reads its conclusions rather than parsing C again.
 *
 * <pre>{@code
 * CallSignature s = CallSignature.parse("EndCallbackFn", "public native void call(Pointer user_data, int a, int b);");
 * s.parameters().get(1).name(); // "a"
 * }</pre>
 */
record CallSignature(Value returns, List<Value> parameters) {
    private static final Pattern CALL = Pattern.compile("public\\s+native\\s+(.*?)\\s*\\bcall\\s*\\((.*)\\)\\s*;", Pattern.DOTALL);

    /**
     * Reads the first {@code native call} method of {@code javaSource}.
     *
     * @throws GeneratorException naming the typedef if there is none or it cannot be read
     */
    static CallSignature parse(String typedef, String javaSource) {
        Matcher call = CALL.matcher(javaSource);
        if (!call.find()) {
            throw new GeneratorException(typedef + ": JavaCPP's class for it has no 'public native ... call(...)' method;"
                    + " is it a function pointer typedef?");
        }
        Value returns = Value.parse(typedef, call.group(1) + " return$", true);
        List<Value> parameters = new ArrayList<>();
        for (String parameter : splitTopLevel(call.group(2))) {
            if (!parameter.isBlank()) {
                parameters.add(Value.parse(typedef, parameter.trim(), false));
            }
        }
        return new CallSignature(returns, List.copyOf(parameters));
    }

    /** Splits at commas outside quotes and parentheses (annotation arguments may hold commas). */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '<')) {
                depth++;
            } else if (!quoted && (c == ')' || c == '>')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** What a parameter or the return value is to Java. */
    enum Kind {
        /** A Java primitive: every C scalar, enums and {@code bool} included. */
        PRIMITIVE,
        /** No value ({@code void} return). */
        VOID,
        /** {@code char*} and its casts: a {@code CString} view. */
        CHARS,
        /** Any other pointer: a {@code NativePointer} view, or an address for return values. */
        POINTER
    }

    /**
     * One parameter (or the return value) as JavaCPP declared it.
     *
     * @param annotations JavaCPP's annotations, verbatim ({@code @Cast("int64_t")})
     * @param cast the {@code @Cast} text, or null
     * @param isConst whether {@code @Const} was given
     * @param javaType the Java type JavaCPP chose
     * @param name the C parameter name (JavaCPP's {@code argN} where C had none)
     */
    record Value(Kind kind, String annotations, String cast, boolean isConst, String javaType, String name) {
        private static final Pattern ANNOTATION = Pattern.compile("@([A-Za-z_.]+)");
        private static final List<String> PRIMITIVES = List.of("boolean", "byte", "short", "int", "long", "float", "double", "char");

        static Value parse(String typedef, String text, boolean isReturn) {
            String rest = text.trim();
            StringBuilder annotations = new StringBuilder();
            String cast = null;
            boolean isConst = false;
            while (rest.startsWith("@")) {
                Matcher m = ANNOTATION.matcher(rest);
                if (!m.lookingAt()) {
                    throw new GeneratorException(typedef + ": cannot read the annotation in '" + text + "'");
                }
                int end = m.end();
                String arguments = null;
                if (end < rest.length() && rest.charAt(end) == '(') {
                    int close = closingParenthesis(rest, end);
                    arguments = rest.substring(end + 1, close);
                    end = close + 1;
                }
                String name = m.group(1);
                switch (name) {
                    case "Cast" -> cast = unquote(typedef, arguments);
                    case "Const" -> isConst = true;
                    case "ByVal", "ByRef", "ByPtrRef", "ByPtrPtr", "StdString", "StdVector", "StdMove", "SharedPtr", "UniquePtr" ->
                        throw new GeneratorException(typedef + ": '" + text.replace(" return$", "") + "' is passed @" + name
                                + "; Tunnel gateways take C scalars and pointers only (pass structs by pointer)");
                    default -> { }
                }
                annotations.append(rest, 0, end).append(' ');
                rest = rest.substring(end).trim();
            }
            int space = rest.lastIndexOf(' ');
            if (space < 0) {
                throw new GeneratorException(typedef + ": cannot read the type and name in '" + text + "'");
            }
            String javaType = rest.substring(0, space).trim();
            String name = rest.substring(space + 1).trim();
            Kind kind;
            if (javaType.equals("void")) {
                kind = Kind.VOID;
            } else if (PRIMITIVES.contains(javaType)) {
                kind = Kind.PRIMITIVE;
            } else if (javaType.equals("BytePointer") || javaType.equals("String") || javaType.equals("java.lang.String")) {
                kind = Kind.CHARS;
            } else if (javaType.endsWith("[]") || javaType.endsWith("Buffer")) {
                throw new GeneratorException(typedef + ": unexpected Java type " + javaType + " in '" + text + "'");
            } else {
                kind = Kind.POINTER;
            }
            if (isReturn && kind == Kind.CHARS) {
                kind = Kind.POINTER; // a returned char* is an address whose ownership the C API defines
            }
            return new Value(kind, annotations.toString().trim(), cast, isConst, javaType, name);
        }

        private static int closingParenthesis(String text, int open) {
            boolean quoted = false;
            for (int i = open + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' && text.charAt(i - 1) != '\\') {
                    quoted = !quoted;
                } else if (!quoted && c == ')') {
                    return i;
                }
            }
            throw new IllegalArgumentException("unbalanced parentheses in '" + text + "'");
        }

        private static String unquote(String typedef, String arguments) {
            String a = arguments == null ? "" : arguments.trim();
            if (a.startsWith("{")) { // @Cast({"a", "b"}): JavaCPP's cast for the first, a second cast after
                a = a.substring(1, a.indexOf('}')).trim();
                a = a.substring(0, CallSignature.splitTopLevel(a).get(0).length()).trim();
            }
            if (a.length() < 2 || a.charAt(0) != '"' || a.charAt(a.length() - 1) != '"') {
                throw new GeneratorException(typedef + ": cannot read @Cast(" + arguments + ")");
            }
            return a.substring(1, a.length() - 1);
        }
    }
}
