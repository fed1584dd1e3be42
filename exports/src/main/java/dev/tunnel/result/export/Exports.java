package dev.tunnel.result.export;

/**
 * Creates the one instance of every export class, which C calls, before C can call it, and
 * hands C their FFM upcall stubs where this JVM has them ({@link ExportUpcalls}).
 * JavaCPP would otherwise create it on the first call from C, unsynchronised, so two threads
 * making that first call at once could each see the other's half-made instance.
 * {@link dev.tunnel.result.CResultLibrary} and {@link dev.tunnel.result.CResultLoops}, Java's
 * ways into the library, call {@link #ready()} when they load it, and {@code CResultStartJVM}
 * loads CResultLibrary before it returns.
 *
 * <pre>{@code
 * static {
 *     Loader.load();
 *     Exports.ready();
 * }
 * }</pre>
 */
public final class Exports {
    private Exports() {
    }

    /** Creates the export instances, once; later calls do nothing. */
    public static void ready() {
        Gate.touch();
    }

    /** Initialising this class initialises every export class, once, under the JVM's class-init lock. */
    private static final class Gate {
        static final Object[] INSTANCES = {NewResultExport.INSTANCE, ResultSetExport.INSTANCE,
                ResultStringExport.INSTANCE, FreeResultExport.INSTANCE, AJavaFunctionExport.INSTANCE};

        static {
            ExportUpcalls.install(NewResultExport.INSTANCE, ResultSetExport.INSTANCE, ResultStringExport.INSTANCE,
                    FreeResultExport.INSTANCE, AJavaFunctionExport.INSTANCE);
        }

        static void touch() {
        }
    }
}
