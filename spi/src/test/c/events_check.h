/*
 * A model of Tunnel's batch format for C tests and fuzzing (tunnel_events.h): gateways written as
 * tunnel-generator writes them (a scalar event, a byte-range event, an event of two byte ranges,
 * a string array, and a byte range whose consecutive calls are joined),
 * a log of every call as C made it, and a flush that decodes each record, as
 * dev.tunnel.spi.EventBatch does, and checks it against the log: kinds, values, bytes (copied or
 * lent), NULLs and order. Any difference aborts.
 */
#ifndef EVENTS_CHECK_H
#define EVENTS_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tunnel_events.h"

#define KIND_SCALAR 0
#define KIND_BYTES  1
#define KIND_PAIR   2
#define KIND_STRINGS 3
#define KIND_JOINED 4
#define MAX_STRINGS 8

typedef struct logged_event {
  uint32_t kind;
  int64_t value;
  double real;
  uint8_t* bytes[2]; /* copies; NULL for a NULL pointer */
  uint64_t length[2];
  int strings;                    /* KIND_STRINGS: how many, -1 for a NULL array */
  char* string[MAX_STRINGS];      /* copies */
} logged_event;

typedef struct model {
  tunnel_events events;
  logged_event* log;
  size_t logged;
  size_t room;
  size_t delivered;
  size_t flushes;
  size_t lent;
  size_t joined;     /* KIND_JOINED calls delivered in the record of an earlier call */
  int fail_at_flush; /* 0: never; n: the n-th flush "throws" (closes the batch) */
} model;

#define CHECK(cond)                                                                 \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);     \
      abort();                                                                      \
    }                                                                               \
  } while (0)

static uint64_t read64(const uint8_t* at) {
  uint64_t v;
  memcpy(&v, at, 8);
  return v;
}

static void log_event(model* m, uint32_t kind, int64_t value, double real, const void* a, uint64_t na, const void* b, uint64_t nb) {
  if (m->logged == m->room) {
    m->room = m->room ? m->room * 2 : 64;
    m->log = (logged_event*)realloc(m->log, m->room * sizeof(logged_event));
    CHECK(m->log != NULL);
  }
  logged_event* e = &m->log[m->logged++];
  e->kind = kind;
  e->strings = 0;
  e->value = value;
  e->real = real;
  const void* from[2] = {a, b};
  uint64_t n[2] = {na, nb};
  for (int i = 0; i < 2; i++) {
    e->length[i] = n[i];
    e->bytes[i] = NULL;
    if (from[i] != NULL) {
      e->bytes[i] = (uint8_t*)malloc(n[i] + 1);
      CHECK(e->bytes[i] != NULL);
      memcpy(e->bytes[i], from[i], n[i]);
    }
  }
}

/* Checks the bytes slot at slot against the log; returns where the next payload starts. */
static const uint8_t* check_bytes(model* m, const uint8_t* slot, const uint8_t* payload, const uint8_t* record_end,
                                  const logged_event* e, int i) {
  uint64_t length = read64(slot);
  uint64_t where = read64(slot + 8);
  CHECK(length == e->length[i]);
  if (e->bytes[i] == NULL) {
    CHECK(where == TUNNEL_EVENTS_NULL);
    return payload;
  }
  if (where == 0) {
    CHECK(payload + TUNNEL_EVENTS_PAD(length) <= record_end);
    CHECK(memcmp(payload, e->bytes[i], length) == 0);
    return payload + TUNNEL_EVENTS_PAD(length);
  }
  m->lent++;
  CHECK(where != TUNNEL_EVENTS_NULL);
  CHECK(memcmp((const void*)(uintptr_t)where, e->bytes[i], length) == 0); /* C's memory, during C's call */
  return payload;
}

static void log_strings(model* m, const char* const* strings) {
  log_event(m, KIND_STRINGS, 0, 0, NULL, 0, NULL, 0);
  logged_event* e = &m->log[m->logged - 1];
  e->strings = -1;
  if (strings != NULL) {
    for (e->strings = 0; strings[e->strings] != NULL; e->strings++) {
      CHECK(e->strings < MAX_STRINGS);
      e->string[e->strings] = strdup(strings[e->strings]);
    }
  }
}

static void check_strings(model* m, const uint8_t* slot, const uint8_t* payload, const uint8_t* record_end, const logged_event* e) {
  uint64_t count = read64(slot);
  uint64_t where = read64(slot + 8);
  if (e->strings < 0) {
    CHECK(where == TUNNEL_EVENTS_NULL);
    return;
  }
  CHECK(count == (uint64_t)e->strings);
  if (where != 0) {
    m->lent++;
    const char* const* lent = (const char* const*)(uintptr_t)where; /* C's array, during C's call */
    for (int i = 0; i < e->strings; i++) {
      CHECK(strcmp(lent[i], e->string[i]) == 0);
    }
    CHECK(lent[e->strings] == NULL);
    return;
  }
  for (int i = 0; i < e->strings; i++) {
    uint64_t length = read64(payload);
    CHECK(length == strlen(e->string[i]) && payload + 8 + TUNNEL_EVENTS_PAD(length) <= record_end);
    CHECK(memcmp(payload + 8, e->string[i], length) == 0);
    payload += 8 + TUNNEL_EVENTS_PAD(length);
  }
}

/*
 * Checks a KIND_JOINED record against the calls it holds: one call if its bytes are NULL or lent,
 * else the calls whose bytes, in order, are exactly the record's (the model's calls have at least
 * one byte, so where one call ends and the next begins is never in doubt).
 */
static void check_joined(model* m, const uint8_t* r, uint32_t size) {
  uint64_t length = read64(r + 8);
  uint64_t where = read64(r + 16);
  const logged_event* first = &m->log[m->delivered++];
  CHECK(first->kind == KIND_JOINED);
  if (where != 0) {
    CHECK(size == 24);
    check_bytes(m, r + 8, r + 24, r + size, first, 0);
    return;
  }
  CHECK(size == 24 + TUNNEL_EVENTS_PAD(length));
  const uint8_t* piece = r + 24;
  uint64_t left = length;
  for (const logged_event* e = first;; e = &m->log[m->delivered++], m->joined++) {
    CHECK(e->kind == KIND_JOINED && e->bytes[0] != NULL && e->length[0] > 0 && e->length[0] <= left);
    CHECK(memcmp(piece, e->bytes[0], e->length[0]) == 0);
    piece += e->length[0];
    left -= e->length[0];
    if (left == 0) {
      return;
    }
    CHECK(m->delivered < m->logged);
  }
}

static void model_flush(void* user_data, int32_t bytes) {
  model* m = (model*)user_data;
  m->flushes++;
  CHECK(!m->events.closed);
  CHECK(bytes > 0 && bytes % 8 == 0 && bytes <= (int32_t)(m->events.end - m->events.records));
  const uint8_t* r = m->events.records;
  const uint8_t* end = r + bytes;
  while (r < end) {
    uint64_t header = read64(r);
    uint32_t kind = (uint32_t)header;
    uint32_t size = (uint32_t)(header >> 32);
    CHECK(size >= 8 && size % 8 == 0 && r + size <= end);
    CHECK(m->delivered < m->logged);
    if (kind == KIND_JOINED) {
      check_joined(m, r, size);
      r += size;
      continue;
    }
    const logged_event* e = &m->log[m->delivered++];
    CHECK(kind == e->kind);
    if (kind == KIND_SCALAR) {
      CHECK(size == 24);
      CHECK((int64_t)read64(r + 8) == e->value);
      double real;
      memcpy(&real, r + 16, 8);
      CHECK(memcmp(&real, &e->real, 8) == 0);
    } else if (kind == KIND_BYTES) {
      CHECK((int64_t)read64(r + 8) == e->value);
      CHECK(check_bytes(m, r + 16, r + 32, r + size, e, 0) <= r + size);
    } else if (kind == KIND_STRINGS) {
      check_strings(m, r + 8, r + 24, r + size, e);
    } else {
      CHECK(kind == KIND_PAIR);
      const uint8_t* p = check_bytes(m, r + 8, r + 40, r + size, e, 0);
      p = check_bytes(m, r + 24, p, r + size, e, 1);
      CHECK(p <= r + size);
    }
    r += size;
  }
  if (m->fail_at_flush != 0 && (int)m->flushes == m->fail_at_flush) {
    m->events.closed = 1; /* what EventBatch does when a handler threw */
  }
}

/* The gateways, as tunnel-generator writes them (BatchSource), for three signatures. */
static void gateway_scalar(void* user_data, int64_t value, double real) {
  tunnel_events* e = (tunnel_events*)user_data;
  uint8_t* r = tunnel_events_begin(e, KIND_SCALAR, 24);
  if (r == NULL) {
    return;
  }
  tunnel_events_put_i64(r + 8, value);
  tunnel_events_put_f64(r + 16, real);
}

static void gateway_bytes(void* user_data, int64_t index, const void* bytes, size_t length) {
  tunnel_events* e = (tunnel_events*)user_data;
  size_t n = tunnel_events_payload(0, bytes, length);
  int lend = n > e->inline_max;
  uint8_t* r = tunnel_events_begin(e, KIND_BYTES, 32 + (lend ? 0 : n));
  if (r == NULL) {
    return;
  }
  tunnel_events_put_i64(r + 8, index);
  tunnel_events_put_bytes(r + 16, r + 32, bytes, length, lend);
  if (lend) {
    tunnel_events_flush(e);
  }
}

static void gateway_pair(void* user_data, const char* a, int32_t na, const char* b, uint64_t nb) {
  tunnel_events* e = (tunnel_events*)user_data;
  size_t n = tunnel_events_payload(0, a, (uint64_t)na);
  n = tunnel_events_payload(n, b, nb);
  int lend = n > e->inline_max;
  uint8_t* r = tunnel_events_begin(e, KIND_PAIR, 40 + (lend ? 0 : n));
  if (r == NULL) {
    return;
  }
  uint8_t* p = r + 40;
  p = tunnel_events_put_bytes(r + 8, p, a, (uint64_t)na, lend);
  p = tunnel_events_put_bytes(r + 24, p, b, nb, lend);
  (void)p;
  if (lend) {
    tunnel_events_flush(e);
  }
}

static void gateway_strings(void* user_data, const char** strings) {
  tunnel_events* e = (tunnel_events*)user_data;
  uint64_t count;
  size_t n = tunnel_events_strings_payload(0, (const char* const*)strings, &count);
  int lend = n > e->inline_max;
  uint8_t* r = tunnel_events_begin(e, KIND_STRINGS, 24 + (lend ? 0 : n));
  if (r == NULL) {
    return;
  }
  tunnel_events_put_strings(r + 8, r + 24, (const char* const*)strings, count, lend);
  if (lend) {
    tunnel_events_flush(e);
  }
}

static void gateway_joined(void* user_data, const char* s, int len) {
  tunnel_events* e = (tunnel_events*)user_data;
  uint64_t length = (uint64_t)(len);
  size_t n = tunnel_events_payload(0, s, length);
  if (tunnel_events_join(e, KIND_JOINED, s, length)) {
    return;
  }
  int lend = n > e->inline_max;
  uint8_t* r = tunnel_events_begin(e, KIND_JOINED, 24 + (lend ? 0 : n));
  if (r == NULL) {
    return;
  }
  tunnel_events_put_bytes(r + 8, r + 24, s, length, lend);
  if (lend) {
    tunnel_events_flush(e);
  } else {
    tunnel_events_joinable(e, r);
  }
}

/* The calls: each logged, then made through its gateway. */
static void call_scalar(model* m, int64_t value, double real) {
  if (!m->events.closed) {
    log_event(m, KIND_SCALAR, value, real, NULL, 0, NULL, 0);
  }
  gateway_scalar(&m->events, value, real);
}

static void call_bytes(model* m, int64_t index, const void* bytes, size_t length) {
  if (!m->events.closed) {
    log_event(m, KIND_BYTES, index, 0, bytes, length, NULL, 0);
  }
  gateway_bytes(&m->events, index, bytes, length);
}

static void call_pair(model* m, const char* a, int32_t na, const char* b, uint64_t nb) {
  if (!m->events.closed) {
    log_event(m, KIND_PAIR, 0, 0, a, (uint64_t)na, b, nb);
  }
  gateway_pair(&m->events, a, na, b, nb);
}

static void call_strings(model* m, const char** strings) {
  if (!m->events.closed) {
    log_strings(m, (const char* const*)strings);
  }
  gateway_strings(&m->events, strings);
}

/* A call of the joined kind; its bytes, if any, are at least one (see check_joined). */
static void call_joined(model* m, const char* s, int len) {
  CHECK(s == NULL || len > 0);
  if (!m->events.closed) {
    log_event(m, KIND_JOINED, 0, 0, s, (uint64_t)len, NULL, 0);
  }
  gateway_joined(&m->events, s, len);
}

static int model_init(model* m, void* buffer, size_t capacity) {
  memset(m, 0, sizeof *m);
  return tunnel_events_init(&m->events, buffer, capacity, model_flush, m);
}

/* The end of a C call: the last records; every event logged before a failure was delivered. */
static void model_finish(model* m) {
  tunnel_events_flush(&m->events);
  if (m->events.closed) {
    /* the one event whose begin() flushed into the failure was logged, and dropped */
    CHECK(m->delivered <= m->logged && m->delivered + 1 >= m->logged);
  } else {
    CHECK(m->delivered == m->logged);
  }
  for (size_t i = 0; i < m->logged; i++) {
    free(m->log[i].bytes[0]);
    free(m->log[i].bytes[1]);
    for (int j = 0; j < m->log[i].strings; j++) {
      free(m->log[i].string[j]);
    }
  }
  free(m->log);
  m->log = NULL;
  m->logged = m->room = 0;
}

#endif
