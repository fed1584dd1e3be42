package dev.tunnel.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a C callback typedef of a JavaCPP preset is served by a Tunnel gateway: one per
 * typedef, on the preset class, and the build generates the rest.
 *
 * <pre>{@code
 * // C: typedef void (*EndCallbackFn)(void* user_data, int a, int b);
 * //    typedef int (*callback_fcn)(int);
 * @Properties(target = "dev.tunnel.traverse.lib", global = "dev.tunnel.traverse.global.traverse",
 *     value = @Platform(include = "traverse.h", link = "traverse@.1"))
 * @Callback(value = "EndCallbackFn", userData = 0, method = "end")
 * @Callback(value = "callback_fcn", userData = Callback.NONE, onFailure = "-1")
 * public class traverse implements InfoMapper { ... }
 * }</pre>
 *
 * <p>JavaCPP's parser turns each typedef into a {@code FunctionPointer} class of the preset's
 * target package; Tunnel's generator ({@code tunnel-generator}, run by the build right after the
 * parser) replaces that class with a gateway of the same name, so every function and struct
 * member that takes the typedef takes the gateway. The generated class holds:
 * <ul>
 * <li>{@code Function}, the functional interface Java implements: C's parameters less
 *     {@code user_data}, the method named by {@link #method()};</li>
 * <li>{@code GATEWAY}, the one C function pointer for every callback of the typedef;</li>
 * <li>for {@link #NONE}, {@code TARGET}, the {@link ThreadBoundCallback} that binds a
 *     {@code Function} to the calling thread for one C call;</li>
 * <li>{@code closure(Function)}, a {@link Closure}: a {@code Function} with a C function
 *     pointer of its own, for C libraries that keep the pointer and call it later from any
 *     thread, and {@code closures()}, their {@link ClosureRegistry};</li>
 * <li>with {@link #batched()}, {@code Batched}, {@code BATCHING} and {@code batched(handler)}:
 *     the typedef's part of an {@link EventBatch}.</li>
 * </ul>
 *
 * <p>What the gateway guarantees: no {@link Throwable} ever reaches C; a callback's failure is
 * recorded in its {@link CallbackScope}, C gets {@link #onFailure()}, no later callback of that
 * call enters Java, and the Java caller rethrows the same instance once C returned; a
 * {@code user_data} that is not a live scope is logged and nothing is called; pointer arguments
 * reach Java as {@link CString} and {@link NativePointer} views that refuse use after the
 * callback returned.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Callback.List.class)
public @interface Callback {
    /** {@link #userData()}: the first parameter. */
    int FIRST = 0;

    /** {@link #userData()}: the last parameter. */
    int LAST = -1;

    /** {@link #userData()}: there is none; calls are routed to the target bound to the calling thread. */
    int NONE = -2;

    /** The C typedef, as JavaCPP names its class (the C name unless the preset renames it). */
    String value();

    /** The 0-based index of the {@code void*} (or {@code uintptr_t}) user data, {@link #LAST} or {@link #NONE}. */
    int userData();

    /** The name of the method of the generated {@code Function} interface. */
    String method() default "apply";

    /**
     * What C gets back when the Java side failed or was not called, as a Java expression of the
     * return type ({@code "-1"}, {@code "Double.NaN"}, {@code "true"}); empty means zero,
     * {@code false} or {@code NULL}. Ignored for {@code void} callbacks.
     */
    String onFailure() default "";

    /**
     * Whether the typedef also gets batched delivery ({@link EventBatch}): a {@code Batched}
     * interface, a {@code BATCHING} C function pointer that appends each call to the batch passed
     * as its user data, and {@code batched(handler)}, the {@link EventKind} that decodes them.
     * Only for {@code void} callbacks with a user data parameter.
     *
     * <pre>{@code
     * @Callback(value = "LineCallbackFn", userData = 0, method = "line", batched = true, lengths = "bytes=length")
     * }</pre>
     */
    boolean batched() default false;

    /**
     * Byte ranges among the parameters, for {@link #batched()}: {@code "pointer=length"} says that
     * {@code pointer} (a {@code char*} or {@code void*}) points to {@code length} bytes, which a
     * batch copies, NULs included. A {@code char*} not named here is a NUL-terminated string;
     * any other pointer not named here is passed as its address.
     */
    String[] lengths() default {};

    /**
     * NULL-terminated arrays of NUL-terminated strings among the parameters ({@code char**}),
     * for {@link #batched()}: a batch copies every string, and the handler gets an
     * {@link EventStrings}. Other pointers to pointers are passed as their address.
     *
     * <pre>{@code
     * @Callback(value = "XML_StartElementHandler", userData = 0, method = "startElement", batched = true, strings = "atts")
     * }</pre>
     */
    String[] strings() default {};

    /**
     * Whether, for {@link #batched()}, calls that follow one another in a batch with nothing
     * between them are joined into one handler call whose bytes are theirs in order: for C
     * libraries that split one run of data over many calls, like expat's character data (a call
     * per line and per reference). Saves a record and a handler call per joined call. Only for a
     * typedef whose one argument but the user data is a byte range declared in {@link #lengths()}
     * (with its length), so that joining loses nothing but where C split the bytes. A call that
     * another typedef's record, a flush or bytes too large to copy separates is not joined.
     *
     * <pre>{@code
     * // C: typedef void (*XML_CharacterDataHandler)(void* userData, const XML_Char* s, int len);
     * @Callback(value = "XML_CharacterDataHandler", userData = 0, method = "characters", batched = true,
     *     lengths = "s=len", join = true)
     * }</pre>
     */
    boolean join() default false;

    /** The container of repeated {@link Callback} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        /** The declarations. */
        Callback[] value();
    }
}
