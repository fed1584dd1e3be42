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
 * Starts a batch for the events wanted over records (length int32 values, laid out as
 * record_ints per record) and sets the callbacks that fill it; the events not wanted stay NULL
 * callbacks in C. The layout must be the one the events call for, as
 * dev.tunnel.traverse.VisitorEvents sizes it: kind records when both are wanted, pairs when one
 * is. Returns TRAVERSE_OK, or TRAVERSE_EINVAL for another layout or a buffer too small for one
 * record, before anything is written.
 */
static int traverse_batched_callbacks(Callbacks* cbs, tunnel_batch* batch, int start, int end,
                                      int32_t* records, size_t length, int32_t record_ints,
                                      tunnel_batch_flush_fn flush, void* flush_user_data) {
  int32_t wanted = start && end ? TUNNEL_BATCH_RECORD_INTS : TUNNEL_BATCH_PAIR_INTS;
  if ((start || end) && record_ints != wanted) {
    return TRAVERSE_EINVAL;
  }
  if (tunnel_batch_init(batch, records, length, record_ints, flush, flush_user_data) != 0) {
    return TRAVERSE_EINVAL;
  }
  if (start && end) {
    cbs->start = traverse_batched_start;
    cbs->end = traverse_batched_end;
  } else {
    cbs->start = start ? traverse_batched_start_only : NULL;
    cbs->end = end ? traverse_batched_end_only : NULL;
  }
  return TRAVERSE_OK;
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
 * callbacks in C); records is a buffer of length int32 values in the layout the events call for
 * (record_ints per record); flush(flush_user_data, count) is the upcall.
 */
static int traverse_file_batched(const char* filename, int start, int end, int32_t* records,
                                 size_t length, int32_t record_ints, tunnel_batch_flush_fn flush,
                                 void* flush_user_data, traverse_control* control) {
  tunnel_batch batch;
  Callbacks cbs;
  int invalid = traverse_batched_callbacks(&cbs, &batch, start, end, records, length, record_ints, flush, flush_user_data);
  if (invalid) {
    return invalid;
  }
  int status = traverse_file(filename, cbs, &batch, control);
  return traverse_batched_finish(status, &batch, control);
}

/* traverse_memory with batched delivery. */
static int traverse_memory_batched(const char* data, size_t size, int start, int end,
                                   int32_t* records, size_t length, int32_t record_ints,
                                   tunnel_batch_flush_fn flush, void* flush_user_data,
                                   traverse_control* control) {
  tunnel_batch batch;
  Callbacks cbs;
  int invalid = traverse_batched_callbacks(&cbs, &batch, start, end, records, length, record_ints, flush, flush_user_data);
  if (invalid) {
    return invalid;
  }
  int status = traverse_memory(data, size, cbs, &batch, control);
  return traverse_batched_finish(status, &batch, control);
}

/* traverse_events (the synthetic source) with batched delivery. */
static int traverse_events_batched(int64_t lines, int start, int end, int32_t* records,
                                   size_t length, int32_t record_ints, tunnel_batch_flush_fn flush,
                                   void* flush_user_data, traverse_control* control) {
  tunnel_batch batch;
  Callbacks cbs;
  int invalid = traverse_batched_callbacks(&cbs, &batch, start, end, records, length, record_ints, flush, flush_user_data);
  if (invalid) {
    return invalid;
  }
  int status = traverse_events(lines, cbs, &batch, control);
  return traverse_batched_finish(status, &batch, control);
}

#endif
