/*
 * Tunnel's general batch format: the C half of dev.tunnel.spi.EventBatch. A batching gateway is
 * a C function of a callback typedef's exact type that appends each call to a buffer Java owns,
 * instead of calling Java; Java is called once per full buffer and decodes the records in place.
 * The build generates one gateway per typedef a preset declares with @Callback(batched = true)
 * (its BATCHING pointer); this header holds what every gateway shares.
 *
 * A record is 8-byte words:
 *
 *   word 0        kind (low 32 bits: which typedef) | size (high 32 bits: bytes, a multiple of 8)
 *   one slot each per argument but user_data, in C's order:
 *     scalar      8 bytes: integers and enums as int64 (sign- or zero-extended from their C type),
 *                 float and double as double, pointers as their address
 *     bytes       16 bytes, for a char* (NUL-terminated, or of a declared length) or a void* of a
 *                 declared length: the length, then where the bytes are:
 *                   0                  copied into this record's payload, after the slots
 *                   TUNNEL_EVENTS_NULL C passed NULL
 *                   any other value    C's own address: the payload was too large to copy, the
 *                                      bytes are lent, and the gateway flushes before returning
 *                 a length argument has no slot of its own: Java reads it from its bytes' slot
 *     strings     16 bytes, for a NULL-terminated array of NUL-terminated strings (char**):
 *                 the count, then where they are, as for bytes (a lent array is C's char**)
 *   payload       the copied bytes of each bytes slot, in order, each padded to 8; for a
 *                 strings slot, per string its length (8 bytes) and its bytes, padded to 8
 *
 * Several typedefs share one batch, in the order C called them. Use from C (the generated
 * gateways do this; C tests and fuzzers too):
 *
 *   tunnel_events events;
 *   tunnel_events_init(&events, buffer, capacity, flush, flush_user_data);
 *   uint8_t* r = tunnel_events_begin(&events, KIND, 16);   // header + one slot
 *   if (r != NULL) tunnel_events_put_i64(r + 8, value);    // NULL: the batch takes no more events
 *   ...
 *   tunnel_events_flush(&events);                           // the last, partial buffer
 *
 * All functions are static inline: the header is compiled into the binding's JNI library.
 */
#ifndef TUNNEL_EVENTS_H
#define TUNNEL_EVENTS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where-word of a bytes slot for a NULL pointer (0 means "copied"; no C object lives at address 1). */
#define TUNNEL_EVENTS_NULL 1

/* Smallest and largest buffer, in bytes (dev.tunnel.spi.EventBatch.MIN_CAPACITY, MAX_CAPACITY). */
#define TUNNEL_EVENTS_MIN_CAPACITY 4096
#define TUNNEL_EVENTS_MAX_CAPACITY (1 << 30)

/* The one upcall per buffer: the first `bytes` bytes of the buffer are records. */
typedef void (*tunnel_events_flush_fn)(void* user_data, int32_t bytes);

/*
 * A batch. Java allocates and fills it (dev.tunnel.spi.EventBatch writes these fields at these
 * offsets; the static asserts below hold them there) and passes its address as the C library's
 * user_data; the gateways only move `next` and read the rest.
 */
typedef struct tunnel_events {
  uint8_t* next;               /*  0: where the next record goes */
  uint8_t* end;                /*  8: one past the buffer */
  uint8_t* records;            /* 16: the buffer, 8-byte aligned */
  tunnel_events_flush_fn flush;/* 24: Java's upcall */
  void* user_data;             /* 32: flush's user_data (the batch's CallbackScope) */
  uint64_t inline_max;         /* 40: an event's largest payload copied; larger ones are lent */
  int32_t closed;              /* 48: nonzero once Java failed: no more upcalls, events dropped */
  int32_t joinable;            /* 52: 1 + the offset of a record a joining gateway may extend; 0: none */
} tunnel_events;

#ifdef __cplusplus
static_assert(offsetof(tunnel_events, inline_max) == 40 && offsetof(tunnel_events, closed) == 48 && offsetof(tunnel_events, joinable) == 52
               && sizeof(tunnel_events) == 56,
              "dev.tunnel.spi.EventBatch writes tunnel_events at fixed offsets (LP64)");
#else
_Static_assert(offsetof(tunnel_events, inline_max) == 40 && offsetof(tunnel_events, closed) == 48 && offsetof(tunnel_events, joinable) == 52
               && sizeof(tunnel_events) == 56,
               "dev.tunnel.spi.EventBatch writes tunnel_events at fixed offsets (LP64)");
#endif

#if defined(__GNUC__)
#define TUNNEL_EVENTS_COLD __attribute__((noinline, cold))
#define TUNNEL_EVENTS_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define TUNNEL_EVENTS_COLD
#define TUNNEL_EVENTS_UNLIKELY(x) (x)
#endif

/* n rounded up to a multiple of 8. */
#define TUNNEL_EVENTS_PAD(n) (((size_t)(n) + 7) & ~(size_t)7)

/*
 * Prepares a batch over buffer (capacity bytes, 8-byte aligned; capacity rounded down to 8).
 * Returns 0, or -1 if buffer or flush is NULL or capacity is outside
 * TUNNEL_EVENTS_MIN_CAPACITY..TUNNEL_EVENTS_MAX_CAPACITY. Java does the same in EventBatch.
 */
static inline int tunnel_events_init(tunnel_events* e, void* buffer, size_t capacity, tunnel_events_flush_fn flush,
                                     void* user_data) {
  if (buffer == NULL || flush == NULL || ((uintptr_t)buffer & 7) != 0 || capacity < TUNNEL_EVENTS_MIN_CAPACITY
      || capacity > TUNNEL_EVENTS_MAX_CAPACITY) {
    return -1;
  }
  capacity &= ~(size_t)7;
  e->records = e->next = (uint8_t*)buffer;
  e->end = (uint8_t*)buffer + capacity;
  e->flush = flush;
  e->user_data = user_data;
  e->inline_max = capacity / 2;
  e->closed = 0;
  e->joinable = 0;
  return 0;
}

/* Hands the waiting records to Java, if any and if Java has not failed; the buffer is empty after. */
static inline void tunnel_events_flush(tunnel_events* e) {
  uint8_t* records = e->records;
  int32_t bytes = (int32_t)(e->next - records);
  e->next = records;
  e->joinable = 0;
  if (bytes > 0 && !e->closed) {
    e->flush(e->user_data, bytes);
  }
}

/*
 * The full-buffer path of tunnel_events_begin, out of line so that the gateways stay short:
 * flushes, then returns room for size bytes, or NULL if Java failed (or size exceeds the buffer,
 * which the gateways' lending rule rules out).
 */
TUNNEL_EVENTS_COLD static uint8_t* tunnel_events_room(tunnel_events* e, size_t size) {
  tunnel_events_flush(e);
  if (e->closed || size > (size_t)(e->end - e->records)) {
    return NULL;
  }
  return e->next;
}

/* Starts a record of size bytes (header included, a multiple of 8); NULL: drop the event. */
static inline uint8_t* tunnel_events_begin(tunnel_events* e, uint32_t kind, size_t size) {
  uint8_t* r = e->next;
  if (TUNNEL_EVENTS_UNLIKELY((size_t)(e->end - r) < size)) {
    r = tunnel_events_room(e, size);
    if (r == NULL) {
      return NULL;
    }
  }
  e->next = r + size;
  uint64_t header = (uint64_t)kind | ((uint64_t)size << 32);
  memcpy(r, &header, 8);
  return r;
}

static inline void tunnel_events_put_i64(uint8_t* slot, int64_t value) {
  memcpy(slot, &value, 8);
}

static inline void tunnel_events_put_f64(uint8_t* slot, double value) {
  memcpy(slot, &value, 8);
}

/*
 * The payload bytes copying `length` bytes at `bytes` takes (none for NULL), added to `sum`;
 * saturating, so that a huge length makes the event's payload "too large to copy" instead of
 * wrapping around to a small one.
 */
static inline size_t tunnel_events_payload(size_t sum, const void* bytes, uint64_t length) {
  if (bytes == NULL) {
    return sum;
  }
  if (length > TUNNEL_EVENTS_MAX_CAPACITY) {
    return SIZE_MAX;
  }
  size_t more = TUNNEL_EVENTS_PAD(length);
  return sum > SIZE_MAX - more ? SIZE_MAX : sum + more;
}

/*
 * Copies n bytes. Lines, names and values are mostly short: up to 16 bytes the copy is two
 * overlapping loads and stores of the size class, never reading outside [src, src + n), instead
 * of a call into the C library's memcpy.
 */
static inline void tunnel_events_copy(uint8_t* dst, const uint8_t* src, size_t n) {
  if (n >= 8) {
    if (n <= 16) {
      uint64_t head, tail;
      memcpy(&head, src, 8);
      memcpy(&tail, src + n - 8, 8);
      memcpy(dst, &head, 8);
      memcpy(dst + n - 8, &tail, 8);
    } else {
      memcpy(dst, src, n);
    }
  } else if (n >= 4) {
    uint32_t head, tail;
    memcpy(&head, src, 4);
    memcpy(&tail, src + n - 4, 4);
    memcpy(dst, &head, 4);
    memcpy(dst + n - 4, &tail, 4);
  } else if (n > 0) {
    dst[0] = src[0];
    dst[n / 2] = src[n / 2];
    dst[n - 1] = src[n - 1];
  }
}

/*
 * Fills a bytes slot (length, where) and, unless the bytes are NULL or lent, copies them to
 * payload; returns where the next payload goes.
 */
static inline uint8_t* tunnel_events_put_bytes(uint8_t* slot, uint8_t* payload, const void* bytes, uint64_t length,
                                               int lend) {
  tunnel_events_put_i64(slot, (int64_t)length);
  if (bytes == NULL) {
    tunnel_events_put_i64(slot + 8, TUNNEL_EVENTS_NULL);
    return payload;
  }
  if (lend) {
    tunnel_events_put_i64(slot + 8, (int64_t)(uintptr_t)bytes);
    return payload;
  }
  tunnel_events_put_i64(slot + 8, 0);
  tunnel_events_copy(payload, (const uint8_t*)bytes, (size_t)length);
  return payload + TUNNEL_EVENTS_PAD(length);
}

/*
 * The payload a NULL-terminated array of strings takes (per string 8 bytes of length and its
 * bytes padded to 8; none for a NULL array), added to `sum`, saturating; *count gets how many
 * strings there are.
 */
static inline size_t tunnel_events_strings_payload(size_t sum, const char* const* strings, uint64_t* count) {
  *count = 0;
  if (strings == NULL) {
    return sum;
  }
  for (; strings[*count] != NULL; (*count)++) {
    size_t length = strlen(strings[*count]);
    size_t more = length > TUNNEL_EVENTS_MAX_CAPACITY ? SIZE_MAX : 8 + TUNNEL_EVENTS_PAD(length);
    sum = sum > SIZE_MAX - more ? SIZE_MAX : sum + more;
  }
  return sum;
}

/*
 * Fills a strings slot (count, where) and, unless the array is NULL or lent, copies each string
 * (its length, then its bytes) to payload; returns where the next payload goes.
 */
static inline uint8_t* tunnel_events_put_strings(uint8_t* slot, uint8_t* payload, const char* const* strings,
                                                 uint64_t count, int lend) {
  tunnel_events_put_i64(slot, (int64_t)count);
  if (strings == NULL) {
    tunnel_events_put_i64(slot + 8, TUNNEL_EVENTS_NULL);
    return payload;
  }
  if (lend) {
    tunnel_events_put_i64(slot + 8, (int64_t)(uintptr_t)strings);
    return payload;
  }
  tunnel_events_put_i64(slot + 8, 0);
  for (uint64_t i = 0; i < count; i++) {
    size_t length = strlen(strings[i]);
    tunnel_events_put_i64(payload, (int64_t)length);
    tunnel_events_copy(payload + 8, (const uint8_t*)strings[i], length);
    payload += 8 + TUNNEL_EVENTS_PAD(length);
  }
  return payload;
}

/*
 * For the gateway of a typedef declared with @Callback(join = true), whose one argument but
 * user_data is a byte range: appends this call's bytes to the record of the same kind the
 * previous call left, if that record is still the batch's last (no other record came between)
 * and the joined bytes are still copied; returns 1 then. Returns 0 when the call needs a record
 * of its own, which the gateway then begins and marks with tunnel_events_joinable. A record
 * whose bytes are joined is one call to Java, with the bytes of all the calls in order.
 */
static inline int tunnel_events_join(tunnel_events* e, uint32_t kind, const void* bytes, uint64_t length) {
  if (e->joinable == 0 || bytes == NULL) {
    return 0;
  }
  uint8_t* r = e->records + (e->joinable - 1);
  uint64_t header, had, where;
  memcpy(&header, r, 8);
  memcpy(&had, r + 8, 8);
  memcpy(&where, r + 16, 8);
  size_t size = (size_t)(header >> 32);
  if ((uint32_t)header != kind || r + size != e->next || where != 0 || length > e->inline_max - had) {
    return 0;
  }
  size_t joined = 24 + TUNNEL_EVENTS_PAD(had + length);
  if (joined > (size_t)(e->end - r)) {
    return 0;
  }
  tunnel_events_copy(r + 24 + had, (const uint8_t*)bytes, (size_t)length);
  had += length;
  memcpy(r + 8, &had, 8);
  header = (uint64_t)kind | ((uint64_t)joined << 32);
  memcpy(r, &header, 8);
  e->next = r + joined;
  return 1;
}

/* Marks r, just begun by a joining gateway with its bytes copied, as the record the next call may extend. */
static inline void tunnel_events_joinable(tunnel_events* e, const uint8_t* r) {
  e->joinable = (int32_t)(r - e->records) + 1;
}

#ifdef __cplusplus
}

#include <tuple>

/* The type of parameter I of function pointer type F: what a generated gateway declares. */
template <typename F, int I> struct tunnel_events_param;
template <typename R, typename... A, int I> struct tunnel_events_param<R (*)(A...), I> {
  typedef typename std::tuple_element<I, std::tuple<A...> >::type type;
};

/*
 * The address of a batching gateway of typedef `type`, given as a parameter list and body: a
 * captureless lambda converted to the typedef, so the compiler checks its signature against C's.
 * A generated class's @MemberGetter reads it once.
 */
#define TUNNEL_EVENTS_GATEWAY(type, ...) ((intptr_t) static_cast<type>([] __VA_ARGS__))
#endif

#endif /* TUNNEL_EVENTS_H */
