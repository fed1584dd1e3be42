/* libtestlib: C callbacks of every shape Tunnel's generated gateways serve, for Tunnel's own
 * tests. Each tl_call_* function calls the callback it is given with the arguments it is given
 * and returns what the callback returned, so a test sees both directions of every crossing. */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tl_color { TL_RED = 1, TL_GREEN = 2, TL_BLUE = -3 } tl_color;

typedef struct tl_point {
    int32_t x;
    int32_t y;
} tl_point;

/* Scalars, user data first. */
typedef int8_t (*tl_int8_fn)(void* user_data, int8_t v);
typedef uint8_t (*tl_uint8_fn)(void* user_data, uint8_t v);
typedef uint16_t (*tl_uint16_fn)(void* user_data, uint16_t v);
typedef uint32_t (*tl_uint32_fn)(void* user_data, uint32_t v);
typedef int64_t (*tl_int64_fn)(void* user_data, int64_t v);
typedef uint64_t (*tl_uint64_fn)(void* user_data, uint64_t v);
typedef size_t (*tl_size_fn)(void* user_data, size_t v);
typedef float (*tl_float_fn)(void* user_data, float v);
typedef double (*tl_double_fn)(void* user_data, double v);
typedef bool (*tl_bool_fn)(void* user_data, bool v);
typedef tl_color (*tl_enum_fn)(void* user_data, tl_color v);

/* User data last, in the middle, and as uintptr_t. */
typedef int16_t (*tl_int16_fn)(int16_t v, void* user_data);
typedef int32_t (*tl_int32_fn)(int32_t a, void* user_data, int32_t b);
typedef int64_t (*tl_uintptr_fn)(uintptr_t user_data, int64_t v);

/* Strings and pointers, borrowed for the call only: C frees them when the callback returns. */
typedef void (*tl_string_fn)(void* user_data, const char* s);
typedef size_t (*tl_bytes_fn)(void* user_data, const char* bytes, size_t length);
typedef void* (*tl_pointer_fn)(void* user_data, tl_point* p, int32_t* values, void* opaque);

/* No user data at all. */
typedef int32_t (*tl_none_fn)(int32_t v);

int8_t tl_call_int8(tl_int8_fn fn, void* user_data, int8_t v);
uint8_t tl_call_uint8(tl_uint8_fn fn, void* user_data, uint8_t v);
uint16_t tl_call_uint16(tl_uint16_fn fn, void* user_data, uint16_t v);
uint32_t tl_call_uint32(tl_uint32_fn fn, void* user_data, uint32_t v);
int64_t tl_call_int64(tl_int64_fn fn, void* user_data, int64_t v);
uint64_t tl_call_uint64(tl_uint64_fn fn, void* user_data, uint64_t v);
size_t tl_call_size(tl_size_fn fn, void* user_data, size_t v);
float tl_call_float(tl_float_fn fn, void* user_data, float v);
double tl_call_double(tl_double_fn fn, void* user_data, double v);
bool tl_call_bool(tl_bool_fn fn, void* user_data, bool v);
tl_color tl_call_enum(tl_enum_fn fn, void* user_data, tl_color v);
int16_t tl_call_int16(tl_int16_fn fn, int16_t v, void* user_data);
int32_t tl_call_int32(tl_int32_fn fn, int32_t a, void* user_data, int32_t b);
int64_t tl_call_uintptr(tl_uintptr_fn fn, uintptr_t user_data, int64_t v);

/* Copies s (NUL-terminated) into memory of its own, calls fn with it, then wipes and frees it. */
void tl_call_string(tl_string_fn fn, void* user_data, const char* s);
/* The same for length bytes, NULs included. */
size_t tl_call_bytes(tl_bytes_fn fn, void* user_data, const char* bytes, size_t length);
/* Calls fn with copies of *p and values[0..count), then writes the copies back into p and values. */
void* tl_call_pointer(tl_pointer_fn fn, void* user_data, tl_point* p, int32_t* values, int32_t count, void* opaque);
int32_t tl_call_none(tl_none_fn fn, int32_t v);

/* Calls fn(i, user_data, -i) for i in [0, n) and stores each result in results[i]: a C library
 * with no way to stop, which keeps calling after the Java side failed. */
void tl_call_int32_repeatedly(tl_int32_fn fn, void* user_data, int32_t n, int32_t* results);
/* tl_call_int32 on a native thread of its own, created and joined here. */
int32_t tl_call_int32_on_thread(tl_int32_fn fn, int32_t a, void* user_data, int32_t b);

/* The function pointer C received, as an argument and through a struct field: for checking
 * which code C calls (a JNI trampoline or an FFM upcall stub). */
typedef struct tl_holder {
    tl_int32_fn fn;
} tl_holder;
uintptr_t tl_address_of(tl_int32_fn fn);
uintptr_t tl_address_in(const tl_holder* holder);
/* Calls the int32_t (*)(int32_t) function at FN: for hand-written callback classes. */
int32_t tl_call_address(uintptr_t fn, int32_t v);

/* A void event of every scalar kind, user data in the middle, with a NUL-terminated string and
 * a byte range: the shape batched delivery must copy exactly. */
typedef void (*tl_event_fn)(int8_t a, uint8_t b, int16_t c, uint16_t d, void* user_data, int32_t e, uint32_t f,
                            int64_t g, uint64_t h, float x, double y, bool flag, tl_color color, size_t size,
                            const void* pointer, const char* text, const void* bytes, int32_t length);
/* Calls fn for n in [first, first + count) with values derived from n, each text and bytes in
 * memory of its own that is wiped and freed right after the call (see testlib.c). */
void tl_emit_events(tl_event_fn fn, void* user_data, int32_t first, int32_t count);

/* An element with its attributes, as expat reports one: a NULL-terminated array of strings,
 * name, value, name, value, ... */
typedef void (*tl_element_fn)(void* user_data, const char* name, const char** atts);
/* Calls fn for n in [first, first + count): see testlib.c for the strings, in memory wiped and
 * freed right after each call. */
void tl_emit_elements(tl_element_fn fn, void* user_data, int32_t first, int32_t count);

/* A C library that keeps a callback without user data and calls it later. */
void tl_keep_none(tl_none_fn fn);
int32_t tl_call_kept_none(int32_t v);

#ifdef __cplusplus
}
#endif

#endif
