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

static void traverse_batched_start(void* user_data, int i) {
  tunnel_batch_add((tunnel_batch*)user_data, TRAVERSE_EVENT_START, i, 0);
}

static void traverse_batched_end(void* user_data, int a, int b) {
  tunnel_batch_add((tunnel_batch*)user_data, TRAVERSE_EVENT_END, a, b);
}

static Callbacks traverse_batched_callbacks(int start, int end) {
  Callbacks cbs;
  cbs.start = start ? traverse_batched_start : NULL;
  cbs.end = end ? traverse_batched_end : NULL;
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
  tunnel_batch_init(&batch, records, capacity, flush, flush_user_data);
  int status = traverse_file(filename, traverse_batched_callbacks(start, end), &batch, control);
  return traverse_batched_finish(status, &batch, control);
}

/* traverse_memory with batched delivery. */
static int traverse_memory_batched(const char* data, size_t size, int start, int end,
                                   int32_t* records, int32_t capacity, tunnel_batch_flush_fn flush,
                                   void* flush_user_data, traverse_control* control) {
  tunnel_batch batch;
  tunnel_batch_init(&batch, records, capacity, flush, flush_user_data);
  int status = traverse_memory(data, size, traverse_batched_callbacks(start, end), &batch, control);
  return traverse_batched_finish(status, &batch, control);
}

/* traverse_events (the synthetic source) with batched delivery. */
static int traverse_events_batched(int64_t lines, int start, int end, int32_t* records,
                                   int32_t capacity, tunnel_batch_flush_fn flush,
                                   void* flush_user_data, traverse_control* control) {
  tunnel_batch batch;
  tunnel_batch_init(&batch, records, capacity, flush, flush_user_data);
  int status = traverse_events(lines, traverse_batched_callbacks(start, end), &batch, control);
  return traverse_batched_finish(status, &batch, control);
}

#endif
