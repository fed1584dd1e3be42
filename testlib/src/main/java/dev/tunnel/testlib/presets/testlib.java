package dev.tunnel.testlib.presets;

import dev.tunnel.spi.Callback;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;
import org.bytedeco.javacpp.tools.Info;
import org.bytedeco.javacpp.tools.InfoMap;
import org.bytedeco.javacpp.tools.InfoMapper;

/**
 * The JavaCPP preset for libtestlib, the C library of every callback shape that Tunnel's tests
 * bind: its gateways come from these declarations alone.
 *
 * <pre>{@code
 * try (CallbackScope<tl_int64_fn.Function> scope = CallbackScope.open(v -> v + 1)) {
 *     tl_call_int64(tl_int64_fn.GATEWAY, scope.pointer(), Long.MIN_VALUE); // Long.MIN_VALUE + 1
 * }
 * }</pre>
 */
@Properties(
    target = "dev.tunnel.testlib.lib",
    global = "dev.tunnel.testlib.global.testlib",
    value = @Platform(include = "testlib.h", link = "testlib"))
// scalars, user data first; onFailure: what C gets when Java failed
@Callback(value = "tl_int8_fn", userData = 0, onFailure = "-8")
@Callback(value = "tl_uint8_fn", userData = 0, onFailure = "(byte) 0xF8")
@Callback(value = "tl_uint16_fn", userData = 0, onFailure = "(short) 0xFFF0")
@Callback(value = "tl_uint32_fn", userData = 0, onFailure = "0xFFFFFFF0")
@Callback(value = "tl_int64_fn", userData = Callback.FIRST, onFailure = "Long.MIN_VALUE")
@Callback(value = "tl_uint64_fn", userData = 0, onFailure = "-16L")
@Callback(value = "tl_size_fn", userData = 0, onFailure = "-1L")
@Callback(value = "tl_float_fn", userData = 0, onFailure = "Float.NaN")
@Callback(value = "tl_double_fn", userData = 0, onFailure = "-0.0")
@Callback(value = "tl_bool_fn", userData = 0, onFailure = "true")
@Callback(value = "tl_enum_fn", userData = 0, onFailure = "-3")
// user data last, in the middle, and as uintptr_t
@Callback(value = "tl_int16_fn", userData = Callback.LAST, onFailure = "-16")
@Callback(value = "tl_int32_fn", userData = 1, method = "combine", onFailure = "-32")
@Callback(value = "tl_uintptr_fn", userData = 0, onFailure = "-64")
// borrowed strings and pointers
@Callback(value = "tl_string_fn", userData = 0, method = "accept")
@Callback(value = "tl_bytes_fn", userData = 0, onFailure = "-2L")
@Callback(value = "tl_pointer_fn", userData = 0)
// every scalar in one void event, batched too (EventBatch)
@Callback(value = "tl_event_fn", userData = 4, method = "event", batched = true, lengths = "bytes=length")
@Callback(value = "tl_element_fn", userData = 0, method = "element", batched = true, strings = "atts")
// no user data: the target bound to the calling thread
@Callback(value = "tl_none_fn", userData = Callback.NONE, onFailure = "-1")
public class testlib implements InfoMapper {
    @Override
    public void map(InfoMap infoMap) {
        infoMap.put(new Info("__cplusplus").define(true));
    }
}
