/*
 * libtraverse through Tunnel's batching gateways (tunnel_batch.h): start and end events are
 * appended to a buffer Java reads in place, with one upcall per full buffer. Compiled into the
 * binding's JNI library.
 */
#ifndef TRAVERSE_BATCHED_H
#define TRAVERSE_BATCHED_H

#include "traverse.h"
#include "tunnel_batch.h"

/* Record kinds. */
#define TRAVERSE_EVENT_START 0
#define TRAVERSE_EVENT_END   1

/* Gateways for a traversal that wants both events: (kind, a, b) records. */
TUNNEL_BATCH_GATEWAY_1(traverse_batched_start, TRAVERSE_EVENT_START)
TUNNEL_BATCH_GATEWAY_2(traverse_batched_end, TRAVERSE_EVENT_END)

/* Gateways for a traversal that wants one event only: (a, b) records, the kind implied. */
TUNNEL_BATCH_PAIR_GATEWAY_1(traverse_batched_start_only)
TUNNEL_BATCH_PAIR_GATEWAY_2(traverse_batched_end_only)

/*
 * Starts a batch for the events wanted and returns the callbacks that fill it; the events not
 * wanted stay NULL callbacks in C. The layout follows dev.tunnel.traverse.VisitorBatchReceiver:
 * pair records when one kind is wanted, kind records when both are.
 */
static Callbacks traverse_batched_callbacks(tunnel_batch* batch, int start, int end, int32_t* records,
                                            int32_t capacity, tunnel_batch_flush_fn flush,
                                            void* flush_user_data) {
  Callbacks cbs;
  if (start && end) {
    tunnel_batch_init(batch, records, capacity, TUNNEL_BATCH_RECORD_INTS, flush, flush_user_data);
    cbs.start = traverse_batched_start;
    cbs.end = traverse_batched_end;
  } else {
    tunnel_batch_init(batch, records, capacity, TUNNEL_BATCH_PAIR_INTS, flush, flush_user_data);
    cbs.start = start ? traverse_batched_start_only : NULL;
    cbs.end = end ? traverse_batched_end_only : NULL;
  }
  return cbs;
}

/* Flushes what is left, unless the traversal was stopped: nothing reaches Java after a failure. */
static int traverse_batched_finish(int status, tunnel_batch* batch, traverse_control* control) {
  if (!traverse_stop_requested(control)) {
    tunnel_batch_flush(batch);
  }
  return status;
}

/*
 * traverse_file with batched delivery: start/end select the events wanted (the others are NULL
 * callbacks in C); records holds capacity records; flush(flush_user_data, count) is the upcall.
 */
static int traverse_file_batched(const char* filename, int start, int end, int32_t* records,
                                 int32_t capacity, tunnel_batch_flush_fn flush,
                                 void* flush_user_data, traverse_control* control) {
  tunnel_batch batch;
  Callbacks cbs = traverse_batched_callbacks(&batch, start, end, records, capacity, flush, flush_user_data);
  int status = traverse_file(filename, cbs, &batch, control);
  return traverse_batched_finish(status, &batch, control);
}

/* traverse_memory with batched delivery. */
static int traverse_memory_batched(const char* data, size_t size, int start, int end,
                                   int32_t* records, int32_t capacity, tunnel_batch_flush_fn flush,
                                   void* flush_user_data, traverse_control* control) {
  tunnel_batch batch;
  Callbacks cbs = traverse_batched_callbacks(&batch, start, end, records, capacity, flush, flush_user_data);
  int status = traverse_memory(data, size, cbs, &batch, control);
  return traverse_batched_finish(status, &batch, control);
}

/* traverse_events (the synthetic source) with batched delivery. */
static int traverse_events_batched(int64_t lines, int start, int end, int32_t* records,
                                   int32_t capacity, tunnel_batch_flush_fn flush,
                                   void* flush_user_data, traverse_control* control) {
  tunnel_batch batch;
  Callbacks cbs = traverse_batched_callbacks(&batch, start, end, records, capacity, flush, flush_user_data);
  int status = traverse_events(lines, cbs, &batch, control);
  return traverse_batched_finish(status, &batch, control);
}

#endif
