/*
 * Tests tunnel_events.h, the C half of batched delivery, from C alone (events_check.h's model):
 * buffer set-up checks, records of every shape straddling every buffer boundary, the small-copy
 * path against memcpy, payloads lent instead of copied, saturating payload sizes, a batch that
 * Java closed after a failure, reuse, and calls joined into one record (and kept apart by other
 * records, flushes, NULLs and lent bytes). run.sh runs it under sanitizers, valgrind and qemu.
 */
#include "events_check.h"

static int checks;
#define EXPECT(cond) do { CHECK(cond); checks++; } while (0)

static void init_is_checked(void) {
  static uint64_t buffer[1024];
  tunnel_events e;
  EXPECT(tunnel_events_init(&e, NULL, 8192, model_flush, NULL) == -1);
  EXPECT(tunnel_events_init(&e, buffer, 8192, NULL, NULL) == -1);
  EXPECT(tunnel_events_init(&e, buffer, TUNNEL_EVENTS_MIN_CAPACITY - 1, model_flush, NULL) == -1);
  EXPECT(tunnel_events_init(&e, (uint8_t*)buffer + 4, 4096, model_flush, NULL) == -1);
  EXPECT(tunnel_events_init(&e, buffer, (size_t)TUNNEL_EVENTS_MAX_CAPACITY + 1, model_flush, NULL) == -1);
  EXPECT(tunnel_events_init(&e, buffer, 8191, model_flush, NULL) == 0);
  EXPECT(e.end - e.records == 8184 && e.inline_max == 4092 && e.next == e.records && !e.closed);
}

static void small_copies_match_memcpy(void) {
  for (size_t n = 0; n <= 40; n++) {
    uint8_t* src = (uint8_t*)malloc(n + 1); /* exactly n bytes readable: ASan sees any over-read */
    uint8_t dst[64];
    memset(dst, 0xEE, sizeof dst);
    for (size_t i = 0; i < n; i++) {
      src[i] = (uint8_t)(i * 37 + n);
    }
    tunnel_events_copy(dst, src, n);
    EXPECT(memcmp(dst, src, n) == 0);
    for (size_t i = n; i < sizeof dst; i++) {
      CHECK(dst[i] == 0xEE); /* nothing written past n */
    }
    free(src);
  }
}

static void payload_sizes_saturate(void) {
  static const char byte = 'x';
  EXPECT(tunnel_events_payload(0, NULL, 100) == 0);
  EXPECT(tunnel_events_payload(0, &byte, 0) == 0);
  EXPECT(tunnel_events_payload(0, &byte, 1) == 8);
  EXPECT(tunnel_events_payload(8, &byte, 9) == 24);
  EXPECT(tunnel_events_payload(0, &byte, UINT64_MAX) == SIZE_MAX);
  EXPECT(tunnel_events_payload(SIZE_MAX - 4, &byte, 16) == SIZE_MAX);
}

static void records_of_every_shape_straddle_every_boundary(size_t capacity) {
  uint64_t* buffer = (uint64_t*)malloc(capacity);
  model m;
  EXPECT(model_init(&m, buffer, capacity) == 0);
  uint8_t* data = (uint8_t*)malloc(3 * capacity);
  for (size_t i = 0; i < 3 * capacity; i++) {
    data[i] = (uint8_t)(i * 131 + (i >> 8)); /* NULs and bytes above 0x7F */
  }
  for (int64_t i = 0; i < 20000; i++) {
    call_scalar(&m, INT64_MIN + i, -(double)i / 3);
  }
  /* lengths 0 .. 1.5 capacity: copied up to inline_max, lent beyond it */
  for (size_t n = 0; n <= capacity + capacity / 2; n += 1 + n / 64) {
    call_bytes(&m, (int64_t)n, data + (n % 7), n);
    call_bytes(&m, -(int64_t)n, NULL, n); /* NULL, with a length all the same */
    call_pair(&m, (const char*)data, (int32_t)(n / 2), (const char*)data + 1, n / 3);
  }
  /* two ranges, each under inline_max and together over it: both lent */
  call_pair(&m, (const char*)data, (int32_t)(capacity / 3), (const char*)data + 5, capacity / 3);
  model_finish(&m);
  EXPECT(m.delivered > 20000 && m.flushes > 1 && m.lent > 0);
  free(data);
  free(buffer);
}

static void string_arrays_are_copied_or_lent(size_t capacity) {
  uint64_t* buffer = (uint64_t*)malloc(capacity);
  model m;
  EXPECT(model_init(&m, buffer, capacity) == 0);
  char* big = (char*)malloc(capacity);
  memset(big, 'x', capacity - 1);
  big[capacity - 1] = '\0';
  const char* none[] = {NULL};
  for (int i = 0; i < 3000; i++) {
    const char* some[] = {"name", i % 3 ? "value" : "", "n2", big + capacity - 1 - (size_t)(i % 700), NULL};
    call_strings(&m, i % 5 == 0 ? NULL : i % 7 == 0 ? (const char**)none : (const char**)some);
  }
  const char* huge[] = {"a", big, NULL}; /* over half the batch: lent */
  call_strings(&m, huge);
  model_finish(&m);
  EXPECT(m.delivered == 3001 && m.lent > 0);
  free(big);
  free(buffer);
}

static void a_batch_closed_by_java_calls_it_no_more(void) {
  uint64_t buffer[512];
  model m;
  EXPECT(model_init(&m, buffer, sizeof buffer) == 0);
  m.fail_at_flush = 3;
  for (int64_t i = 0; i < 10000; i++) {
    call_scalar(&m, i, (double)i);
  }
  size_t flushes = m.flushes;
  model_finish(&m);
  EXPECT(flushes == 3 && m.flushes == 3);
  EXPECT(m.delivered == 3 * (sizeof buffer / 24));
}

static void a_batch_serves_call_after_call(void) {
  uint64_t buffer[1024];
  model m;
  EXPECT(model_init(&m, buffer, sizeof buffer) == 0);
  for (int round = 0; round < 3; round++) {
    for (int64_t i = 0; i < 100; i++) {
      call_bytes(&m, i, "0123456789abcdef", (size_t)(i % 17));
    }
    tunnel_events_flush(&m.events);
    EXPECT(m.delivered == m.logged && m.events.next == m.events.records);
  }
  model_finish(&m);
}

/* Joined calls, mixed with every other record and every boundary, checked call by call by the model. */
static void consecutive_calls_are_joined_until_something_separates_them(size_t capacity) {
  uint64_t* buffer = (uint64_t*)malloc(capacity);
  model m;
  EXPECT(model_init(&m, buffer, capacity) == 0);
  char* text = (char*)malloc(2 * capacity);
  for (size_t i = 0; i < 2 * capacity; i++) {
    text[i] = (char)(i * 7 + (i >> 5)); /* NULs too: a byte range, not a string */
  }
  for (int i = 0; i < 20000; i++) {
    int len = 1 + (i * 13) % (i % 97 == 0 ? (int)capacity : 50); /* now and then past inline_max: lent */
    call_joined(&m, text + i % 1000, len);
    if (i % 5 == 0) {
      call_joined(&m, text, 1 + i % 3);
    }
    if (i % 7 == 0) {
      call_scalar(&m, i, 0);
    } else if (i % 11 == 0) {
      call_joined(&m, NULL, 0);
    } else if (i % 13 == 0) {
      call_bytes(&m, i, text, (size_t)(i % 30));
    }
  }
  model_finish(&m);
  EXPECT(m.joined > 10000 && m.lent > 0 && m.flushes > 10);
  free(text);
  free(buffer);
}

/* The record itself: "ab" + "" + "cd" is one call of "abcd"; a NULL and another kind end a run. */
static void joined_bytes_are_one_record_exactly(void) {
  uint64_t buffer[1024];
  tunnel_events e;
  EXPECT(tunnel_events_init(&e, buffer, sizeof buffer, model_flush, NULL) == 0);
  gateway_joined(&e, "ab", 2);
  gateway_joined(&e, "x", 0);
  gateway_joined(&e, "cdefghij", 8);
  const uint8_t* r = (const uint8_t*)buffer;
  EXPECT(read64(r) == ((uint64_t)KIND_JOINED | (uint64_t)(24 + 16) << 32));
  EXPECT(read64(r + 8) == 10 && read64(r + 16) == 0 && memcmp(r + 24, "abcdefghij", 10) == 0);
  EXPECT(e.next == r + 40);
  gateway_joined(&e, NULL, 0);
  gateway_joined(&e, "k", 1);
  EXPECT(e.next == r + 40 + 24 + 32 && read64(r + 40 + 16) == TUNNEL_EVENTS_NULL && read64(r + 64 + 8) == 1);
  gateway_scalar(&e, 1, 1);
  gateway_joined(&e, "l", 1);
  EXPECT(e.next == r + 96 + 24 + 32); /* the scalar record between: a record of its own */
  e.next = e.records; /* emptied by Java (EventBatch.finish) without a flush: Java clears joinable too */
  e.joinable = 0;
  EXPECT(!tunnel_events_join(&e, KIND_JOINED, "m", 1));
}

int main(void) {
  init_is_checked();
  small_copies_match_memcpy();
  payload_sizes_saturate();
  records_of_every_shape_straddle_every_boundary(TUNNEL_EVENTS_MIN_CAPACITY);
  records_of_every_shape_straddle_every_boundary(TUNNEL_EVENTS_MIN_CAPACITY + 8);
  records_of_every_shape_straddle_every_boundary(65536);
  string_arrays_are_copied_or_lent(TUNNEL_EVENTS_MIN_CAPACITY);
  string_arrays_are_copied_or_lent(65536);
  a_batch_closed_by_java_calls_it_no_more();
  a_batch_serves_call_after_call();
  consecutive_calls_are_joined_until_something_separates_them(TUNNEL_EVENTS_MIN_CAPACITY);
  consecutive_calls_are_joined_until_something_separates_them(65536);
  joined_bytes_are_one_record_exactly();
  printf("tunnel_events.h: %d checks passed\n", checks);
  return 0;
}
