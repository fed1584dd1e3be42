/*
 * Tunnel's batching gateways: C functions that stand in for a C library's void event
 * callbacks, append each event to a buffer shared with Java, and call Java once per full
 * buffer instead of once per event. A JNI upcall costs ~100 ns; appending a record costs
 * about as much as the C function-pointer call it replaces.
 *
 * A record is TUNNEL_BATCH_RECORD_INTS int32 values: the event kind, then up to two int
 * arguments. The buffer belongs to the Java side (dev.tunnel.BatchBuffer), which reads the
 * records in place through a direct IntBuffer when flush(user_data, count) reaches it.
 *
 * Use with any C library whose callbacks take a void* user_data: pass the tunnel_batch* as
 * that user_data, and a gateway defined with the macros below as the callback:
 *
 *   TUNNEL_BATCH_GATEWAY_2(my_on_edge, MY_EVENT_EDGE)   // void my_on_edge(void*, int, int)
 *
 *   tunnel_batch batch;
 *   tunnel_batch_init(&batch, records, capacity, java_flush_gateway, java_scope);
 *   library_walk(graph, my_on_edge, &batch);            // events land in records[]
 *   tunnel_batch_flush(&batch);                         // the last, partial buffer
 *
 * Events therefore reach Java up to one buffer later than C emitted them. All functions are
 * static inline: the header is compiled into the binding's JNI library, nothing to link.
 */
#ifndef TUNNEL_BATCH_H
#define TUNNEL_BATCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* int32 values per record: kind, a, b. dev.tunnel.BatchBuffer.RECORD_INTS must match. */
#define TUNNEL_BATCH_RECORD_INTS 3

/* The one upcall per buffer: count records are ready at the start of the buffer. */
typedef void (*tunnel_batch_flush_fn)(void* user_data, int32_t count);

typedef struct tunnel_batch {
  int32_t* records;            /* capacity records, owned by the caller */
  int32_t capacity;            /* records the buffer holds, at least 1 */
  int32_t count;               /* records waiting to be flushed */
  tunnel_batch_flush_fn flush; /* called with user_data when the buffer is full, and at the end */
  void* user_data;
} tunnel_batch;

static inline void tunnel_batch_init(tunnel_batch* batch, int32_t* records, int32_t capacity,
                                     tunnel_batch_flush_fn flush, void* user_data) {
  batch->records = records;
  batch->capacity = capacity;
  batch->count = 0;
  batch->flush = flush;
  batch->user_data = user_data;
}

/* Hands the waiting records to flush(), if any. */
static inline void tunnel_batch_flush(tunnel_batch* batch) {
  if (batch->count > 0) {
    int32_t count = batch->count;
    batch->count = 0;
    batch->flush(batch->user_data, count);
  }
}

/* Appends one record; flushes when the buffer becomes full. */
static inline void tunnel_batch_add(tunnel_batch* batch, int32_t kind, int32_t a, int32_t b) {
  int32_t* record = batch->records + (size_t)batch->count * TUNNEL_BATCH_RECORD_INTS;
  record[0] = kind;
  record[1] = a;
  record[2] = b;
  if (++batch->count == batch->capacity) {
    tunnel_batch_flush(batch);
  }
}

/* Defines a gateway for void (*)(void* user_data, int a); user_data is the tunnel_batch*. */
#define TUNNEL_BATCH_GATEWAY_1(name, kind) \
  static void name(void* user_data, int a) { tunnel_batch_add((tunnel_batch*)user_data, (kind), a, 0); }

/* Defines a gateway for void (*)(void* user_data, int a, int b). */
#define TUNNEL_BATCH_GATEWAY_2(name, kind) \
  static void name(void* user_data, int a, int b) { tunnel_batch_add((tunnel_batch*)user_data, (kind), a, b); }

#ifdef __cplusplus
}
#endif

#endif /* TUNNEL_BATCH_H */
