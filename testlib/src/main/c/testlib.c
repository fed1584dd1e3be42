/* libtestlib: see testlib.h. */
#include "testlib.h"
#include <stdio.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define TL_CALL(name, type, fn_type) \
    type tl_call_##name(fn_type fn, void* user_data, type v) { return fn(user_data, v); }

TL_CALL(int8, int8_t, tl_int8_fn)
TL_CALL(uint8, uint8_t, tl_uint8_fn)
TL_CALL(uint16, uint16_t, tl_uint16_fn)
TL_CALL(uint32, uint32_t, tl_uint32_fn)
TL_CALL(int64, int64_t, tl_int64_fn)
TL_CALL(uint64, uint64_t, tl_uint64_fn)
TL_CALL(size, size_t, tl_size_fn)
TL_CALL(float, float, tl_float_fn)
TL_CALL(double, double, tl_double_fn)
TL_CALL(bool, bool, tl_bool_fn)
TL_CALL(enum, tl_color, tl_enum_fn)

int16_t tl_call_int16(tl_int16_fn fn, int16_t v, void* user_data) { return fn(v, user_data); }
int32_t tl_call_int32(tl_int32_fn fn, int32_t a, void* user_data, int32_t b) { return fn(a, user_data, b); }
int64_t tl_call_uintptr(tl_uintptr_fn fn, uintptr_t user_data, int64_t v) { return fn(user_data, v); }

void tl_call_string(tl_string_fn fn, void* user_data, const char* s) {
    size_t size = s ? strlen(s) + 1 : 0;
    char* copy = s ? malloc(size) : NULL;
    if (s && !copy) {
        return;
    }
    if (copy) {
        memcpy(copy, s, size);
    }
    fn(user_data, copy);
    if (copy) {
        memset(copy, 0x5a, size); /* what a late reader would see, were it allowed to read */
        free(copy);
    }
}

size_t tl_call_bytes(tl_bytes_fn fn, void* user_data, const char* bytes, size_t length) {
    char* copy = malloc(length ? length : 1);
    if (!copy) {
        return 0;
    }
    memcpy(copy, bytes, length);
    size_t result = fn(user_data, copy, length);
    memset(copy, 0x5a, length);
    free(copy);
    return result;
}

void* tl_call_pointer(tl_pointer_fn fn, void* user_data, tl_point* p, int32_t* values, int32_t count, void* opaque) {
    tl_point point = *p;
    int32_t* copy = malloc(sizeof(int32_t) * (size_t)(count > 0 ? count : 1));
    if (!copy) {
        return NULL;
    }
    memcpy(copy, values, sizeof(int32_t) * (size_t)count);
    void* result = fn(user_data, &point, copy, opaque);
    *p = point;
    memcpy(values, copy, sizeof(int32_t) * (size_t)count);
    free(copy);
    return result;
}

int32_t tl_call_none(tl_none_fn fn, int32_t v) { return fn(v); }

uintptr_t tl_address_of(tl_int32_fn fn) { return (uintptr_t)fn; }
uintptr_t tl_address_in(const tl_holder* holder) { return (uintptr_t)holder->fn; }
int32_t tl_call_address(uintptr_t fn, int32_t v) { return ((tl_none_fn)fn)(v); }

void tl_call_int32_repeatedly(tl_int32_fn fn, void* user_data, int32_t n, int32_t* results) {
    for (int32_t i = 0; i < n; i++) {
        results[i] = fn(i, user_data, -i);
    }
}

struct tl_int32_call {
    tl_int32_fn fn;
    int32_t a;
    void* user_data;
    int32_t b;
    int32_t result;
};

static void* tl_int32_thread(void* arg) {
    struct tl_int32_call* call = arg;
    call->result = call->fn(call->a, call->user_data, call->b);
    return NULL;
}

int32_t tl_call_int32_on_thread(tl_int32_fn fn, int32_t a, void* user_data, int32_t b) {
    struct tl_int32_call call = { fn, a, user_data, b, 0 };
    pthread_t thread;
    if (pthread_create(&thread, NULL, tl_int32_thread, &call) != 0) {
        return INT32_MIN;
    }
    pthread_join(thread, NULL);
    return call.result;
}

static tl_none_fn kept;

void tl_keep_none(tl_none_fn fn) { kept = fn; }

int32_t tl_call_kept_none(int32_t v) { return kept ? kept(v) : INT32_MIN; }

/*
 * Event n: every integer at its type's extreme, moved by n; text NULL when n % 5 == 0, else
 * n % 40 letters; bytes NULL when n % 7 == 0 (length still n % 100), else n % 100 bytes with
 * NULs and bytes above 0x7F; pointer NULL when n % 4 == 0. dev.tunnel.testlib.BatchedEventsTest
 * derives the same values.
 */
void tl_emit_events(tl_event_fn fn, void* user_data, int32_t first, int32_t count) {
    for (int32_t n = first; n < first + count; n++) {
        char* text = NULL;
        uint8_t* bytes = NULL;
        int32_t length = n % 100;
        if (n % 5 != 0) {
            text = malloc((size_t)(n % 40) + 1);
            for (int32_t i = 0; i < n % 40; i++) {
                text[i] = (char)('a' + (n + i) % 26);
            }
            text[n % 40] = '\0';
        }
        if (n % 7 != 0) {
            bytes = malloc((size_t)length + 1);
            for (int32_t i = 0; i < length; i++) {
                bytes[i] = (uint8_t)(n * 31 + i * 17);
            }
        }
        const void* pointer = n % 4 == 0 ? NULL : (const void*)(uintptr_t)(0x1000 * (uint64_t)(n + 1));
        fn((int8_t)(INT8_MIN + n % 256), (uint8_t)(UINT8_MAX - n % 256), (int16_t)(INT16_MIN + n), (uint16_t)(UINT16_MAX - n),
           user_data, INT32_MIN + n, UINT32_MAX - (uint32_t)n, INT64_MIN + n, UINT64_MAX - (uint64_t)n, (float)n + 0.5f,
           -(double)n - 0.25, n % 2 == 1, n % 3 == 0 ? TL_BLUE : TL_RED, SIZE_MAX - (size_t)n, pointer, text, bytes, length);
        if (text != NULL) {
            memset(text, 0x55, (size_t)(n % 40) + 1);
            free(text);
        }
        if (bytes != NULL) {
            memset(bytes, 0x55, (size_t)length + 1);
            free(bytes);
        }
    }
}

/*
 * Element n: its name "e<n>"; atts NULL when n % 11 == 0, else n % 7 pairs, pair i being
 * "a<i>" and a value of (n + i) % 5 letters 'v' (empty ones included); when n % 500 == 499 the
 * last value is 40,000 letters 'w', more than half a default batch. BatchedEventsTest derives
 * the same strings.
 */
void tl_emit_elements(tl_element_fn fn, void* user_data, int32_t first, int32_t count) {
    for (int32_t n = first; n < first + count; n++) {
        char name[16];
        snprintf(name, sizeof name, "e%d", (int)n);
        int pairs = n % 11 == 0 ? -1 : n % 7;
        char** atts = NULL;
        if (pairs >= 0) {
            atts = calloc((size_t)(2 * pairs + 1), sizeof(char*));
            for (int i = 0; i < pairs; i++) {
                size_t length = (n % 500 == 499 && i == pairs - 1) ? 40000 : (size_t)((n + i) % 5);
                atts[2 * i] = malloc(16);
                snprintf(atts[2 * i], 16, "a%d", i);
                atts[2 * i + 1] = malloc(length + 1);
                memset(atts[2 * i + 1], length == 40000 ? 'w' : 'v', length);
                atts[2 * i + 1][length] = '\0';
            }
        }
        fn(user_data, name, (const char**)atts);
        if (atts != NULL) {
            for (int i = 0; i < 2 * pairs; i++) {
                memset(atts[i], 0x55, strlen(atts[i]));
                free(atts[i]);
            }
            free(atts);
        }
    }
}
