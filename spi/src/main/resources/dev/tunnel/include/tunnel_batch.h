/*
 * Tunnel's batching gateways: C functions that stand in for a C library's void event
 * callbacks, append each event to a buffer shared with Java, and call Java once per full
 * buffer instead of once per event. A JNI upcall costs ~100 ns; appending a record costs
 * about as much as the C function-pointer call it replaces.
 *
 * A record is int32 values in one of two layouts, chosen per batch: (kind, a, b) when a batch
 * carries several kinds of event, (a, b) when it carries one kind only. The buffer belongs to
 * the Java side (dev.tunnel.BatchBuffer), which reads the records in place through a direct
 * buffer when flush(user_data, count) reaches it.
 *
 * Use with any C library whose callbacks take a void* user_data: pass the tunnel_batch* as
 * that user_data, and a gateway defined with the macros below as the callback:
 *
 *   TUNNEL_BATCH_GATEWAY_2(my_on_edge, MY_EVENT_EDGE)   // void my_on_edge(void*, int, int)
 *   TUNNEL_BATCH_GATEWAY_1(my_on_node, MY_EVENT_NODE)   // void my_on_node(void*, int)
 *
 *   tunnel_batch batch;
 *   if (tunnel_batch_init(&batch, records, length, TUNNEL_BATCH_RECORD_INTS, java_flush_gateway, java_scope) != 0)
 *     return EINVAL;                                     // no whole record fits in length int32 values
 *   library_walk(graph, my_on_node, my_on_edge, &batch); // events land in records[]
 *   tunnel_batch_flush(&batch);                          // the last, partial buffer
 *
 * A caller that wants edges only uses TUNNEL_BATCH_PAIR_GATEWAY_2 and TUNNEL_BATCH_PAIR_INTS.
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

/* int32 values per record in a mixed batch: kind, a, b. dev.tunnel.BatchBuffer.RECORD_INTS. */
#define TUNNEL_BATCH_RECORD_INTS 3

/*
 * int32 values per record in a single-kind batch: a, b. When a caller wants one kind of event
 * only, the kind is implied and not stored: a third fewer stores in C and loads in Java, and a
 * buffer a third smaller for the cache. dev.tunnel.BatchBuffer.PAIR_INTS.
 */
#define TUNNEL_BATCH_PAIR_INTS 2

/* The one upcall per buffer: count records are ready at the start of the buffer. */
typedef void (*tunnel_batch_flush_fn)(void* user_data, int32_t count);

typedef struct tunnel_batch {
  /*
   * A cursor, not a count: appending then depends on one load and one store of `next`, and
   * the record stores run beside them. With a count, every append reloaded it after the
   * record stores (an int32_t store may alias an int32_t count), which lengthened the chain
   * that runs from one event to the next.
   */
  int32_t* next;               /* where the next record goes */
  int32_t* end;                /* one past the last record: the buffer is full at next == end */
  int32_t* records;            /* the buffer, owned by the caller */
  int32_t record_ints;         /* TUNNEL_BATCH_RECORD_INTS or TUNNEL_BATCH_PAIR_INTS */
  tunnel_batch_flush_fn flush; /* called with user_data when the buffer is full, and at the end */
  void* user_data;
} tunnel_batch;

/*
 * Prepares a batch over records, a buffer of length int32 values, for records of record_ints
 * values each: TUNNEL_BATCH_RECORD_INTS for tunnel_batch_add, TUNNEL_BATCH_PAIR_INTS for
 * tunnel_batch_add_pair. As many whole records as fit are used (at most INT32_MAX, the
 * largest count a flush can report). flush(user_data, count) is the upcall.
 * Returns 0, or -1 (and the batch unusable) if records or flush is NULL, record_ints is
 * neither layout, or not one record fits: the buffer's size is checked here, once, so that
 * appending never writes past it.
 */
static inline int tunnel_batch_init(tunnel_batch* batch, int32_t* records, size_t length,
                                    int32_t record_ints, tunnel_batch_flush_fn flush,
                                    void* user_data) {
  if (records == NULL || flush == NULL
      || (record_ints != TUNNEL_BATCH_RECORD_INTS && record_ints != TUNNEL_BATCH_PAIR_INTS)
      || length < (size_t)record_ints) {
    batch->next = batch->end = batch->records = NULL;
    return -1;
  }
  size_t capacity = length / (size_t)record_ints;
  if (capacity > INT32_MAX) {
    capacity = INT32_MAX;
  }
  batch->next = records;
  batch->end = records + capacity * (size_t)record_ints;
  batch->records = records;
  batch->record_ints = record_ints;
  batch->flush = flush;
  batch->user_data = user_data;
  return 0;
}

/* Records waiting to be flushed. */
static inline int32_t tunnel_batch_count(const tunnel_batch* batch) {
  return (int32_t)((batch->next - batch->records) / batch->record_ints);
}

/* Hands the waiting records to flush(), if any. */
static inline void tunnel_batch_flush(tunnel_batch* batch) {
  int32_t count = tunnel_batch_count(batch);
  if (count > 0) {
    batch->next = batch->records;
    batch->flush(batch->user_data, count);
  }
}

/*
 * The full-buffer path, kept out of line so that the gateways stay a handful of instructions:
 * inlined, its argument set-up spread into every append. Measured on x86_64 with GCC 12, the
 * out-of-line form is about 10% faster per event.
 */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#elif defined(_MSC_VER)
__declspec(noinline)
#endif
static void tunnel_batch_full(tunnel_batch* batch) {
  tunnel_batch_flush(batch);
}

/* Appends a (kind, a, b) record to a batch of TUNNEL_BATCH_RECORD_INTS; flushes when full. */
static inline void tunnel_batch_add(tunnel_batch* batch, int32_t kind, int32_t a, int32_t b) {
  int32_t* record = batch->next;
  int32_t* next = record + TUNNEL_BATCH_RECORD_INTS;
  int32_t* end = batch->end;
  batch->next = next;
  record[0] = kind;
  record[1] = a;
  record[2] = b;
  if (next >= end) {
    tunnel_batch_full(batch);
  }
}

/* Appends an (a, b) record to a single-kind batch of TUNNEL_BATCH_PAIR_INTS; flushes when full. */
static inline void tunnel_batch_add_pair(tunnel_batch* batch, int32_t a, int32_t b) {
  int32_t* record = batch->next;
  int32_t* next = record + TUNNEL_BATCH_PAIR_INTS;
  int32_t* end = batch->end;
  batch->next = next;
  record[0] = a;
  record[1] = b;
  if (next >= end) {
    tunnel_batch_full(batch);
  }
}

/*
 * Where a gateway's code starts: on a cache line of its own. libtraverse calls it once per event
 * through a function pointer, and where it happened to land decided how fast the whole append
 * ran (0.5 ns per event between two builds of the same code on x86_64).
 */
#if defined(__GNUC__)
#define TUNNEL_BATCH_HOT __attribute__((aligned(64), hot))
#else
#define TUNNEL_BATCH_HOT
#endif

/* Defines a gateway for void (*)(void* user_data, int a); user_data is the tunnel_batch*. */
#define TUNNEL_BATCH_GATEWAY_1(name, kind) \
  TUNNEL_BATCH_HOT static void name(void* user_data, int a) { tunnel_batch_add((tunnel_batch*)user_data, (kind), a, 0); }

/* Defines a gateway for void (*)(void* user_data, int a, int b). */
#define TUNNEL_BATCH_GATEWAY_2(name, kind) \
  TUNNEL_BATCH_HOT static void name(void* user_data, int a, int b) { tunnel_batch_add((tunnel_batch*)user_data, (kind), a, b); }

/* The gateways for a single-kind batch: the event is the only one the batch carries. */
#define TUNNEL_BATCH_PAIR_GATEWAY_1(name) \
  TUNNEL_BATCH_HOT static void name(void* user_data, int a) { tunnel_batch_add_pair((tunnel_batch*)user_data, a, 0); }
#define TUNNEL_BATCH_PAIR_GATEWAY_2(name) \
  TUNNEL_BATCH_HOT static void name(void* user_data, int a, int b) { tunnel_batch_add_pair((tunnel_batch*)user_data, a, b); }

#ifdef __cplusplus
}
#endif

#endif /* TUNNEL_BATCH_H */
