package dev.tunnel.spi;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.LongPointer;

/**
 * Which way C's calls into Java enter the JVM: through JavaCPP's JNI trampolines, or, on Java 22
 * and later, through {@code java.lang.foreign} upcall stubs, about three times faster. Every
 * gateway (see {@link Gateways#require(FunctionPointer, MethodHandles.Lookup)}) takes the path
 * this JVM chose once, when this class initialised; C and the gateway's Java code are the same on
 * both, and so are Tunnel's guarantees.
 *
 * <pre>{@code
 * System.out.println(Upcalls.path() + ": " + Upcalls.reason());
 * // FFM: FFM upcall stubs (Java 25)
 * // JNI: JavaCPP's JNI trampolines: -Dtunnel.upcalls=jni
 * }</pre>
 *
 * <p>The choice:
 * <ul>
 * <li>{@code -Dtunnel.upcalls=jni} forces JNI, for comparison or to rule the FFM path out;
 *     {@code -Dtunnel.upcalls=ffm}, the default, takes FFM where it can;</li>
 * <li>Java 17 to 21 take JNI: {@code java.lang.foreign} is final from Java 22;</li>
 * <li>a JVM that refuses Tunnel native access (Java 22 and 23 given
 *     {@code --enable-native-access} without Tunnel's module, or
 *     {@code --illegal-native-access=deny}) takes JNI, with one warning that names the flag to
 *     add: {@code --enable-native-access=dev.tunnel.spi} on the module path,
 *     {@code ALL-UNNAMED} on the class path.</li>
 * </ul>
 * One line at start-up says which path was taken, at {@code DEBUG} level of the
 * {@code System.Logger} {@code dev.tunnel.spi.Upcalls}.
 */
public final class Upcalls {
    /** The ways into Java. */
    public enum Path {
        /** {@code java.lang.foreign.Linker} upcall stubs, one per gateway, made when its class initialises. */
        FFM,
        /** The JNI trampolines that JavaCPP compiles into each binding's JNI library. */
        JNI
    }

    /** The system property that chooses the path: {@code ffm} (the default) or {@code jni}. */
    public static final String PROPERTY = "tunnel.upcalls";

    private static final System.Logger LOG = System.getLogger(Upcalls.class.getName());
    private static final String WHY_NOT_FFM = whyNotFfm();
    /** The addresses of the stubs made here, to tell which gateways have one. */
    private static final Set<Long> STUBS = ConcurrentHashMap.newKeySet();

    static {
        LOG.log(System.Logger.Level.DEBUG, () -> "dev.tunnel: C calls Java through " + reason());
    }

    private Upcalls() {
    }

    /** The path the gateways of this JVM take. */
    public static Path path() {
        return WHY_NOT_FFM == null ? Path.FFM : Path.JNI;
    }

    /** The path and why, e.g. {@code "FFM upcall stubs (Java 25)"}, for logs and diagnostics. */
    public static String reason() {
        return WHY_NOT_FFM == null ? "FFM upcall stubs (Java " + Runtime.version().feature() + ")"
                : "JavaCPP's JNI trampolines: " + WHY_NOT_FFM;
    }

    /** The path {@code gateway} takes: {@link Path#FFM} only if C's pointer to it is an upcall stub. */
    public static Path pathOf(FunctionPointer gateway) {
        return STUBS.contains(Gateways.functionAddress(gateway)) ? Path.FFM : Path.JNI;
    }

    /**
     * On the FFM path, makes an upcall stub to {@code gateway}'s {@code call} method and makes it
     * the function pointer C gets for {@code gateway} (the first word of the peer JavaCPP
     * allocated, which JavaCPP's code hands to C for a FunctionPointer argument or struct field).
     * A gateway that cannot have one (a parameter that is no primitive or has a C type of
     * another width, a {@code call} that {@code lookup} cannot reach) keeps its JNI trampoline,
     * and a debug line says why.
     */
    static void install(FunctionPointer gateway, MethodHandles.Lookup lookup) {
        if (WHY_NOT_FFM != null) {
            return;
        }
        Class<?> type = gateway.getClass();
        try {
            long stub = UpcallStubs.create(gateway, callMethod(type), lookup);
            // a view of the peer's first word, not a copy: nothing to free
            new LongPointer(gateway).put(0, stub);
            STUBS.add(stub);
        } catch (UnsupportedOperationException | IllegalAccessException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "dev.tunnel: gateway " + type.getName()
                    + " stays on its JNI trampoline: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // a descriptor the linker rejects, or a denial the probe did not see: JNI still works
            LOG.log(System.Logger.Level.WARNING, "dev.tunnel: gateway " + type.getName()
                    + " stays on its JNI trampoline: its upcall stub failed", e);
        }
    }

    /**
     * For generated code, on the hot path of a call from C: a {@link java.lang.invoke.MethodHandle}
     * of type {@code ()long} calling the C function at {@code address} (no arguments, a 64-bit
     * result, never blocking, such as {@code tunnel_closure_current}) as an FFM critical downcall,
     * or null on the JNI path or if the linker refuses it, where the caller's JNI native does the
     * same. Keep it in a {@code static final} field, so that the JIT inlines it.
     */
    public static java.lang.invoke.MethodHandle criticalLongGetter(long address) {
        if (WHY_NOT_FFM != null || address == 0) {
            return null;
        }
        try {
            return UpcallStubs.criticalLongGetter(address);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "dev.tunnel: no FFM downcall to the C function at 0x"
                    + Long.toHexString(address) + "; its JNI native serves instead", e);
            return null;
        }
    }

    /** The one public, non-static method named {@code call} that {@code type} declares. */
    private static Method callMethod(Class<?> type) {
        Method found = null;
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals("call") && Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                    && !Modifier.isNative(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                if (found != null) {
                    throw new UnsupportedOperationException(type.getName() + " declares more than one call method");
                }
                found = m;
            }
        }
        if (found == null) {
            throw new UnsupportedOperationException(type.getName() + " declares no public call method");
        }
        return found;
    }

    /** Why this JVM takes JNI, or null for FFM. Never throws: it runs in a gateway's class initialiser. */
    private static String whyNotFfm() {
        String chosen = System.getProperty(PROPERTY, "ffm").trim();
        if (chosen.equalsIgnoreCase("jni")) {
            return "-D" + PROPERTY + "=jni";
        }
        if (!chosen.equalsIgnoreCase("ffm") && !chosen.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "dev.tunnel: -D" + PROPERTY + "=" + chosen
                    + " is neither ffm nor jni; taking the default, ffm where this JVM has it");
        }
        String unavailable = UpcallStubs.unavailable();
        if (unavailable != null) {
            return unavailable;
        }
        try {
            // native access is checked per caller module: one stub now says whether ours has it
            UpcallStubs.create(null, Upcalls.class.getDeclaredMethod("probe"), MethodHandles.lookup());
            return null;
        } catch (IllegalCallerException e) {
            Module module = Upcalls.class.getModule();
            String flag = "--enable-native-access=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED");
            LOG.log(System.Logger.Level.WARNING, "dev.tunnel: this JVM denies Tunnel native access (" + e.getMessage()
                    + "); C calls Java through JNI, about three times slower. Add " + flag + " for FFM upcalls.");
            return "native access denied to " + module + " (" + flag + " enables it)";
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "dev.tunnel: FFM upcall stubs do not work here; C calls Java through JNI", e);
            return "FFM upcall stubs failed: " + e;
        }
    }

    /** The target of the stub that checks native access; C never calls it. */
    private static void probe() {
    }
}
