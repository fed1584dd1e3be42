/*
 * The C side of the benchmarks' peers, compiled into their JNI library (jnitunnelbench):
 * a C-to-C floor and a harness that hands libtraverse a caller-supplied function pointer.
 */
#ifndef TUNNEL_BENCH_PEERS_H
#define TUNNEL_BENCH_PEERS_H

#include <stdint.h>
#include <stdlib.h>
#include "traverse.h"
#include "traverse_batched.h"

/* The floor: C calling a C function pointer per event, summing line lengths into user_data. */
static void bench_floor_end(void* user_data, int a, int b) {
  (void)a;
  *(int64_t*)user_data += b;
}

static int64_t bench_floor_traverse_memory(const char* data, size_t size) {
  int64_t sum = 0;
  Callbacks cbs = {NULL, bench_floor_end};
  int status = traverse_memory(data, size, cbs, &sum, NULL);
  return status == TRAVERSE_OK ? sum : -1;
}

/* The floor on the synthetic source: no scanning, just the events. */
static int64_t bench_floor_events(int64_t lines) {
  int64_t sum = 0;
  Callbacks cbs = {NULL, bench_floor_end};
  int status = traverse_events(lines, cbs, &sum, NULL);
  return status == TRAVERSE_OK ? sum : -1;
}

/* The floors of the richer synthetic events: C calling a C function pointer per event. */
static void bench_floor_sample(void* user_data, int64_t offset, double value, const void* source) {
  *(int64_t*)user_data += offset + (int64_t)value + (source != NULL);
}

static int64_t bench_floor_sample_events(int64_t count) {
  int64_t sum = 0;
  int status = traverse_sample_events(count, bench_floor_sample, &sum, NULL);
  return status == TRAVERSE_OK ? sum : -1;
}

static void bench_floor_name(void* user_data, const char* name, size_t length) {
  *(int64_t*)user_data += name[0] + name[length - 1];
}

static int64_t bench_floor_name_events(int64_t count, size_t length) {
  int64_t sum = 0;
  int status = traverse_name_events(count, length, bench_floor_name, &sum, NULL);
  return status == TRAVERSE_OK ? sum : -1;
}

/* The harnesses the FFM peers call by name: the events to whatever function pointer is given. */
#ifdef __cplusplus
extern "C"
#endif
__attribute__((visibility("default")))
int bench_sample_events(int64_t count, SampleEventFn sample, void* user_data) {
  return traverse_sample_events(count, sample, user_data, NULL);
}

#ifdef __cplusplus
extern "C"
#endif
__attribute__((visibility("default")))
int bench_name_events(int64_t count, size_t length, NameEventFn name, void* user_data) {
  return traverse_name_events(count, length, name, user_data, NULL);
}

/*
 * The C half of Tunnel's batched delivery, with no Java: the same gateways and buffer layout
 * (traverse_batched.h, end events only, so (a, b) pairs), and a flush that sums the lengths in
 * C where Java would decode them. Its distance from the floor is what appending costs.
 */
typedef struct bench_batch_sum {
  const int32_t* records;
  int64_t sum;
} bench_batch_sum;

static void bench_sum_pairs(void* user_data, int32_t count) {
  bench_batch_sum* state = (bench_batch_sum*)user_data;
  int64_t sum = 0;
  for (int32_t i = 0; i < count; i++) {
    sum += state->records[(size_t)i * TUNNEL_BATCH_PAIR_INTS + 1];
  }
  state->sum += sum;
}

static int64_t bench_c_batched_events(int64_t lines, int32_t capacity) {
  int32_t* records = (int32_t*)malloc((size_t)capacity * TUNNEL_BATCH_PAIR_INTS * sizeof(int32_t));
  if (records == NULL) {
    return -1;
  }
  bench_batch_sum state = {records, 0};
  int status = traverse_events_batched(lines, 0, 1, records, (size_t)capacity * TUNNEL_BATCH_PAIR_INTS,
                                       TUNNEL_BATCH_PAIR_INTS, bench_sum_pairs, &state, NULL);
  free(records);
  return status == TRAVERSE_OK ? state.sum : -1;
}

/*
 * The harness every callback peer shares: libtraverse calls whatever end callback the caller
 * passes, with user_data. Exported by name (not static) so JNA and FFM can look it up in this
 * library; raw JavaCPP calls it through its own binding.
 */
#ifdef __cplusplus
extern "C"
#endif
__attribute__((visibility("default")))
int bench_raw_traverse_memory(const char* data, size_t size, EndCallbackFn end, void* user_data) {
  Callbacks cbs = {NULL, end};
  return traverse_memory(data, size, cbs, user_data, NULL);
}

/* A trivial C function, for the cost of a Java-to-C downcall. */
static int bench_add_one(int x) {
  return x + 1;
}

/* The same on the synthetic source. */
#ifdef __cplusplus
extern "C"
#endif
__attribute__((visibility("default")))
int bench_raw_events(int64_t lines, EndCallbackFn end, void* user_data) {
  Callbacks cbs = {NULL, end};
  return traverse_events(lines, cbs, user_data, NULL);
}

/* The same with the callback as an address: what a Tunnel gateway's or closure's pointer is. */
static int bench_events_through(int64_t lines, uintptr_t end, uintptr_t user_data) {
  return bench_raw_events(lines, (EndCallbackFn)end, (void*)user_data);
}

#endif
