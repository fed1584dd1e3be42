/*
 * A pure-C test harness for libtraverse: every public function, including the error paths,
 * run under AddressSanitizer + UndefinedBehaviorSanitizer + LeakSanitizer, and under valgrind
 * (src/test/run.sh builds and runs both). Prints "N passed, 0 failed" and exits non-zero on
 * any failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "basics.h"
#include "clibrary.h"
#include "hooks.h"
#include "myprint.h"
#include "threads.h"
#include "traverse.h"
#include "traverse_batched.h" /* and Tunnel's tunnel_batch.h, which it includes */

static int passed, failed;

#define CHECK(cond)                                                           \
  do {                                                                        \
    if (cond) {                                                               \
      passed++;                                                               \
    } else {                                                                  \
      failed++;                                                               \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                         \
  } while (0)

/* ---- a recording visitor ---- */

typedef struct {
  char log[4096];
  int starts, ends;
  int stop_at_event; /* request a stop at this event number (0-based), or -1 */
  int events;
  traverse_control* control;
} recorder;

static void note(recorder* r, const char* text) {
  strncat(r->log, text, sizeof r->log - strlen(r->log) - 1);
  if (r->stop_at_event >= 0 && r->events == r->stop_at_event) {
    traverse_request_stop(r->control);
  }
  r->events++;
}

static void on_start(void* user_data, int i) {
  recorder* r = user_data;
  char text[32];
  snprintf(text, sizeof text, "s%d ", i);
  r->starts++;
  note(r, text);
}

static void on_end(void* user_data, int a, int b) {
  recorder* r = user_data;
  char text[32];
  snprintf(text, sizeof text, "e%d:%d ", a, b);
  r->ends++;
  note(r, text);
}

static const Callbacks both = {on_start, on_end};

static char dir[] = "/tmp/traverse-test-XXXXXX";

static const char* write_file(const char* name, const char* content, size_t size) {
  static char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE* f = fopen(path, "wb");
  if (f == NULL) {
    perror(path);
    exit(2);
  }
  fwrite(content, 1, size, f);
  fclose(f);
  return path;
}

static void test_memory_events(void) {
  const struct {
    const char* data;
    const char* log;
    int64_t lines;
  } cases[] = {
      {"", "", 0},
      {"\n", "s0 e0:0 ", 1},
      {"a", "s0 e0:1 ", 1},
      {"ab\ncd", "s0 e0:2 s1 e1:2 ", 2},
      {"ab\r\n\n", "s0 e0:3 s1 e1:0 ", 2},
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    recorder r = {.stop_at_event = -1};
    traverse_control control;
    traverse_control_init(&control);
    CHECK(traverse_memory(cases[c].data, strlen(cases[c].data), both, &r, &control) == TRAVERSE_OK);
    CHECK(strcmp(r.log, cases[c].log) == 0);
    CHECK(control.lines == cases[c].lines);
    CHECK(control.bytes == (int64_t)strlen(cases[c].data));
    CHECK(control.start_calls == r.starts && control.end_calls == r.ends);
  }
  CHECK(traverse_memory(NULL, 1, both, NULL, NULL) == TRAVERSE_EINVAL);
  CHECK(traverse_memory(NULL, 0, both, NULL, NULL) == TRAVERSE_OK);
}

static void test_null_callbacks_are_skipped(void) {
  Callbacks none = {NULL, NULL};
  traverse_control control;
  traverse_control_init(&control);
  CHECK(traverse_memory("a\nb\n", 4, none, NULL, &control) == TRAVERSE_OK);
  CHECK(control.lines == 2 && control.start_calls == 0 && control.end_calls == 0);
}

static void test_stop_request(void) {
  recorder r = {.stop_at_event = 2};
  traverse_control control;
  traverse_control_init(&control);
  r.control = &control;
  CHECK(traverse_memory("a\nb\nc\n", 6, both, &r, &control) == TRAVERSE_ESTOPPED);
  CHECK(strcmp(r.log, "s0 e0:1 s1 ") == 0);
  CHECK(traverse_stop_requested(&control));
  traverse_control_init(&control);
  traverse_request_stop(&control);
  CHECK(traverse_memory("a\n", 2, both, &r, &control) == TRAVERSE_ESTOPPED);
  traverse_request_stop(NULL); /* ignored */
  CHECK(!traverse_stop_requested(NULL));
}

static void test_chunked_scan_equals_whole(void) {
  const char* data = "one\ntwo\n\nthree\nfour";
  recorder whole = {.stop_at_event = -1}, chunked = {.stop_at_event = -1};
  traverse_memory(data, strlen(data), both, &whole, NULL);
  traverse_scanner s;
  traverse_scanner_init(&s);
  for (size_t i = 0; i < strlen(data); i++) {
    CHECK(traverse_scan(&s, data + i, 1, &both, &chunked, NULL) == TRAVERSE_OK);
  }
  CHECK(traverse_scan_end(&s, &both, &chunked, NULL) == TRAVERSE_OK);
  CHECK(strcmp(whole.log, chunked.log) == 0);
}

static void test_overflow_is_reported(void) {
  traverse_scanner s;
  traverse_scanner_init(&s);
  s.line = (int64_t)INT_MAX + 1; /* the next line's index would not fit */
  CHECK(traverse_scan(&s, "x", 1, &both, NULL, NULL) == TRAVERSE_EOVERFLOW);
  traverse_scanner_init(&s);
  s.open = 1;
  s.length = INT_MAX;
  CHECK(traverse_scan(&s, "x", 1, &both, NULL, NULL) == TRAVERSE_EOVERFLOW);
  CHECK(traverse_status_kind(TRAVERSE_EOVERFLOW) == TRAVERSE_KIND_OVERFLOW);
}

static void test_synthetic_events(void) {
  recorder r = {.stop_at_event = -1};
  traverse_control control;
  traverse_control_init(&control);
  CHECK(traverse_events(3, both, &r, &control) == TRAVERSE_OK);
  CHECK(strcmp(r.log, "s0 e0:0 s1 e1:1 s2 e2:2 ") == 0);
  CHECK(control.lines == 3 && control.bytes == 6 && control.start_calls == 3 && control.end_calls == 3);
  recorder stopped = {.stop_at_event = 2};
  traverse_control_init(&control);
  stopped.control = &control;
  CHECK(traverse_events(100, both, &stopped, &control) == TRAVERSE_ESTOPPED);
  CHECK(strcmp(stopped.log, "s0 e0:0 s1 ") == 0 && control.lines == 1);
  CHECK(traverse_events(-1, both, NULL, NULL) == TRAVERSE_EINVAL);
  CHECK(traverse_events((int64_t)INT_MAX + 2, both, NULL, NULL) == TRAVERSE_EOVERFLOW);
  CHECK(traverse_events(0, both, NULL, NULL) == TRAVERSE_OK);
}

static void test_files(void) {
  recorder r = {.stop_at_event = -1};
  traverse_control control;
  traverse_control_init(&control);
  const char* path = write_file("two.txt", "hello\nworld!\n", 13);
  CHECK(traverse_file(path, both, &r, &control) == TRAVERSE_OK);
  CHECK(strcmp(r.log, "s0 e0:5 s1 e1:6 ") == 0);
  CHECK(control.lines == 2 && control.bytes == 13);

  /* a line longer than the read buffer */
  size_t size = 3 * TRAVERSE_READ_BUFFER_SIZE + 10;
  char* big = malloc(size);
  memset(big, 'x', size);
  big[size - 1] = '\n';
  path = write_file("long.txt", big, size);
  free(big);
  recorder longest = {.stop_at_event = -1};
  CHECK(traverse_file(path, both, &longest, NULL) == TRAVERSE_OK);
  char expected[64];
  snprintf(expected, sizeof expected, "s0 e0:%zu ", size - 1);
  CHECK(strcmp(longest.log, expected) == 0);

  /* void traverse(): the article's API */
  recorder plain = {.stop_at_event = -1};
  traverse((char*)write_file("one.txt", "x\n", 2), both, &plain);
  CHECK(strcmp(plain.log, "s0 e0:1 ") == 0);
}

static void test_file_errors(void) {
  char path[512];
  snprintf(path, sizeof path, "%s/missing.txt", dir);
  CHECK(traverse_file(path, both, NULL, NULL) == ENOENT);
  CHECK(traverse_status_kind(ENOENT) == TRAVERSE_KIND_NOT_FOUND);
  CHECK(traverse_file(dir, both, NULL, NULL) == EISDIR);
  CHECK(traverse_status_kind(EISDIR) == TRAVERSE_KIND_IS_DIRECTORY);
  snprintf(path, sizeof path, "%s/fifo", dir);
  CHECK(mkfifo(path, 0600) == 0);
  CHECK(traverse_file(path, both, NULL, NULL) == TRAVERSE_ENOTREG); /* without blocking */
  CHECK(traverse_file(NULL, both, NULL, NULL) == TRAVERSE_EINVAL);
  CHECK(traverse_status_kind(EACCES) == TRAVERSE_KIND_ACCESS_DENIED);
  CHECK(traverse_status_kind(TRAVERSE_ESTOPPED) == TRAVERSE_KIND_STOPPED);
  CHECK(traverse_status_kind(EIO) == TRAVERSE_KIND_OTHER);
  for (int status = -10; status < 200; status++) {
    CHECK(traverse_strerror(status) != NULL);
  }
}

/* ---- clibrary, myprint ---- */

static int twice(int x) {
  return 2 * x;
}

static uintptr_t printed_handle;
static void *printed_context;
static void print_handle(uintptr_t handle) {
  printed_handle = handle;
}
static void print_context(void* context) {
  printed_context = context;
}

static void test_callbacks_without_user_data(void) {
  some_c_func(twice);
  myprint(42, print_handle);
  CHECK(printed_handle == 42);
  myprint_context(&printed_handle, print_context);
  CHECK(printed_context == &printed_handle);
  myprint(1, NULL);
  myprint_context(NULL, NULL);
  tn_save_callback(twice);
  CHECK(tn_call_saved_callback(21) == 42);
  tn_save_callback(NULL);
  CHECK(tn_call_saved_callback(21) == -1);
}

/* ---- basics ---- */

static void test_basics(void) {
  point a = {1, 2}, b = {4, 6};
  CHECK(distance(&a, &b) == 5);
  char* greeting = tn_greeting("C");
  CHECK(greeting != NULL && strcmp(greeting, "Hello, C!") == 0);
  tn_free(greeting);
  CHECK(tn_greeting(NULL) == NULL);
  char buffer[6];
  CHECK(tn_greeting_into("C", buffer, sizeof buffer) == 9);
  CHECK(strcmp(buffer, "Hello") == 0);
  size_t length = 0;
  const char* packet = tn_packet(&length);
  CHECK(length == 7 && packet[3] == '\0' && packet[6] == 'L');
  int32_t* squares = tn_squares(5);
  CHECK(squares != NULL && squares[4] == 16 && tn_sum(squares, 5) == 30);
  tn_free(squares);
  tn_free(tn_squares(0));
  CHECK(tn_packed_header_size() == 7 && tn_packed_header_id_offset() == 1);
  packed_header header;
  tn_packed_header_fill(&header, 1, 2, 3);
  CHECK(tn_packed_header_sum(&header) == 6);
  CHECK(tn_complex_pair_size() == 12 && tn_complex_pair_x_offset() == 4);
  complex_pair pair;
  tn_complex_pair_fill(&pair, 7, 3.0f, 4.0f);
  tn_complex_pair_rotate(&pair);
  CHECK(tn_complex_pair_real(&pair) == -4.0f && tn_complex_pair_imag(&pair) == 3.0f && pair.pad == 7);
  CHECK(tn_setenv("TRAVERSE_TEST_VAR", "v") == 0);
  CHECK(strcmp(tn_getenv("TRAVERSE_TEST_VAR"), "v") == 0);
  CHECK(tn_unsetenv("TRAVERSE_TEST_VAR") == 0 && tn_getenv("TRAVERSE_TEST_VAR") == NULL);
  CHECK(tn_setenv(NULL, "v") == EINVAL && tn_unsetenv(NULL) == EINVAL && tn_getenv(NULL) == NULL);
  CHECK(tn_setenv("A=B", "v") == EINVAL);
}

/* ---- threads ---- */

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int done;
  int status;
  recorder r;
} async_wait;

static void on_done(void* user_data, int status) {
  async_wait* w = user_data;
  pthread_mutex_lock(&w->lock);
  w->status = status;
  w->done = 1;
  pthread_cond_signal(&w->cond);
  pthread_mutex_unlock(&w->lock);
}

static void test_async(void) {
  async_wait w = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, -100, {.stop_at_event = -1}};
  traverse_control control;
  traverse_control_init(&control);
  const char* path = write_file("async.txt", "a\nbb\n", 5);
  CHECK(traverse_file_async(path, both, &w.r, &control, on_done, &w) == 0);
  pthread_mutex_lock(&w.lock);
  while (!w.done) {
    pthread_cond_wait(&w.cond, &w.lock);
  }
  pthread_mutex_unlock(&w.lock);
  CHECK(w.status == TRAVERSE_OK && strcmp(w.r.log, "s0 e0:1 s1 e1:2 ") == 0 && control.lines == 2);
  CHECK(traverse_file_async(NULL, both, NULL, &control, on_done, &w) == EINVAL);
  CHECK(traverse_file_async(path, both, NULL, NULL, on_done, &w) == EINVAL);
  struct timespec pause = {0, 100000000L}; /* let the detached thread finish exiting */
  nanosleep(&pause, NULL);
  CHECK(traverse_async_threads() == 0 && traverse_async_peak_threads() >= 1);
  traverse_async_reset_peak();
}

static void* session_from_other_thread(void* arg) {
  *(int*)arg = tn_session_next();
  return NULL;
}

static void test_pump(void) {
  recorder r = {.stop_at_event = -1};
  CHECK(tn_pump_start(NULL, NULL) == EINVAL);
  CHECK(tn_pump_start(on_start, &r) == 0);
  CHECK(tn_pump_start(on_start, &r) == EBUSY);
  while (tn_pump_count() < 3) {
    struct timespec pause = {0, 1000000L};
    nanosleep(&pause, NULL);
  }
  int64_t made = tn_pump_stop();
  CHECK(made >= 3 && made == r.starts && tn_pump_stop() == made);
  CHECK(strncmp(r.log, "s0 s1 s2 ", 9) == 0);
}

static void test_session_and_blocking(void) {
  CHECK(tn_session_next() == TN_SESSION_NOT_OPEN);
  CHECK(tn_session_open() == TN_SESSION_OK && tn_session_open() == TN_SESSION_ALREADY_OPEN);
  CHECK(tn_session_next() == 1 && tn_session_next() == 2);
  int other = 0;
  pthread_t thread;
  pthread_create(&thread, NULL, session_from_other_thread, &other);
  pthread_join(thread, NULL);
  CHECK(other == TN_SESSION_WRONG_THREAD);
  CHECK(tn_session_close() == TN_SESSION_OK && tn_session_close() == TN_SESSION_NOT_OPEN);
  tn_block_reset_peak();
  CHECK(tn_block(5) == 5 && tn_block_in_flight() == 0 && tn_block_peak() == 1);
}

/* ---- batched delivery: tunnel_batch.h through traverse_batched.h ---- */

/* The Java side's part, in C: decodes each flushed buffer into a recorder's log. */
typedef struct {
  int32_t* records;
  int start, end;        /* the events asked for: the record layout follows from them */
  recorder r;
  int flushes;
  int largest_flush;
  int stop_at_flush;     /* request a stop in this flush (1-based), or 0 */
  traverse_control* control;
} batch_decoder;

static void decode_flush(void* user_data, int32_t count) {
  batch_decoder* d = user_data;
  d->flushes++;
  if (count > d->largest_flush) {
    d->largest_flush = count;
  }
  int mixed = d->start && d->end;
  for (int32_t i = 0; i < count; i++) {
    if (mixed) {
      const int32_t* record = d->records + (size_t)i * TUNNEL_BATCH_RECORD_INTS;
      if (record[0] == TRAVERSE_EVENT_START) {
        on_start(&d->r, record[1]);
      } else {
        on_end(&d->r, record[1], record[2]);
      }
    } else {
      const int32_t* pair = d->records + (size_t)i * TUNNEL_BATCH_PAIR_INTS;
      if (d->start) {
        on_start(&d->r, pair[0]);
      } else {
        on_end(&d->r, pair[0], pair[1]);
      }
    }
  }
  if (d->stop_at_flush == d->flushes) {
    traverse_request_stop(d->control);
  }
}

static void test_batched_matches_unbatched(void) {
  const char* text = "ab\ncd\n\nxyz\nlast";
  const int capacities[] = {1, 2, 3, 5, 4096};
  int32_t records[4096 * TUNNEL_BATCH_RECORD_INTS];
  for (int mode = 0; mode < 3; mode++) {
    int start = mode != 2, end = mode != 1; /* both, start only, end only */
    recorder expected = {.stop_at_event = -1};
    Callbacks wanted = {start ? on_start : NULL, end ? on_end : NULL};
    CHECK(traverse_memory(text, strlen(text), wanted, &expected, NULL) == TRAVERSE_OK);
    int events = expected.starts + expected.ends;
    int32_t layout = start && end ? TUNNEL_BATCH_RECORD_INTS : TUNNEL_BATCH_PAIR_INTS;
    for (size_t c = 0; c < sizeof capacities / sizeof capacities[0]; c++) {
      traverse_control control;
      traverse_control_init(&control);
      batch_decoder d = {.records = records, .start = start, .end = end, .r = {.stop_at_event = -1}};
      CHECK(traverse_memory_batched(text, strlen(text), start, end, records, (size_t)capacities[c] * layout, layout,
                                    decode_flush, &d, &control) == TRAVERSE_OK);
      CHECK(strcmp(d.r.log, expected.log) == 0);
      CHECK(d.flushes == (events + capacities[c] - 1) / capacities[c]);
      CHECK(d.largest_flush <= capacities[c]);
      CHECK(control.lines == 5 && control.start_calls == expected.starts && control.end_calls == expected.ends);
    }
  }
}

static void test_batched_sources(void) {
  int32_t records[16 * TUNNEL_BATCH_PAIR_INTS];
  batch_decoder d = {.records = records, .start = 0, .end = 1, .r = {.stop_at_event = -1}};
  CHECK(traverse_events_batched(40, 0, 1, records, 32, TUNNEL_BATCH_PAIR_INTS, decode_flush, &d, NULL) == TRAVERSE_OK);
  CHECK(d.r.ends == 40 && d.flushes == 3 && strncmp(d.r.log, "e0:0 e1:1 e2:2 ", 15) == 0);

  const char* path = write_file("batched.txt", "one\ntwo\n", 8);
  batch_decoder f = {.records = records, .start = 1, .end = 0, .r = {.stop_at_event = -1}};
  CHECK(traverse_file_batched(path, 1, 0, records, 32, TUNNEL_BATCH_PAIR_INTS, decode_flush, &f, NULL) == TRAVERSE_OK);
  CHECK(strcmp(f.r.log, "s0 s1 ") == 0 && f.flushes == 1);

  batch_decoder none = {.records = records, .r = {.stop_at_event = -1}};
  CHECK(traverse_events_batched(40, 0, 0, records, 32, TUNNEL_BATCH_PAIR_INTS, decode_flush, &none, NULL) == TRAVERSE_OK);
  CHECK(none.flushes == 0);
  CHECK(traverse_file_batched(dir, 1, 1, records, 30, TUNNEL_BATCH_RECORD_INTS, decode_flush, &none, NULL) == EISDIR);
  CHECK(none.flushes == 0);
}

static void test_batched_stop_ends_delivery(void) {
  int32_t records[4 * TUNNEL_BATCH_RECORD_INTS];
  traverse_control control;
  traverse_control_init(&control);
  /* the second flush asks C to stop: nothing more reaches the decoder, not even the tail */
  batch_decoder d = {.records = records, .start = 1, .end = 1, .r = {.stop_at_event = -1},
                     .stop_at_flush = 2, .control = &control};
  CHECK(traverse_events_batched(100, 1, 1, records, 4 * TUNNEL_BATCH_RECORD_INTS, TUNNEL_BATCH_RECORD_INTS,
                                decode_flush, &d, &control) == TRAVERSE_ESTOPPED);
  CHECK(d.flushes == 2 && d.r.starts + d.r.ends == 8);
  CHECK(strcmp(d.r.log, "s0 e0:0 s1 e1:1 s2 e2:2 s3 e3:3 ") == 0);
}

/* A buffer of the wrong layout or size is refused before anything is written: here the buffers
 * are malloc'ed to their exact size, so a write past one is an ASan or valgrind report. */
static void test_batched_layout_is_checked(void) {
  int32_t* pairs = malloc(4 * TUNNEL_BATCH_PAIR_INTS * sizeof(int32_t));
  batch_decoder d = {.records = pairs, .start = 1, .end = 1, .r = {.stop_at_event = -1}};
  /* both events need kind records: a pair-sized buffer declared as pairs is refused */
  CHECK(traverse_events_batched(100, 1, 1, pairs, 4 * TUNNEL_BATCH_PAIR_INTS, TUNNEL_BATCH_PAIR_INTS,
                                decode_flush, &d, NULL) == TRAVERSE_EINVAL);
  /* and one declared as kind records holds only what fits: 2 whole records in 8 values */
  CHECK(traverse_events_batched(10, 1, 1, pairs, 4 * TUNNEL_BATCH_PAIR_INTS, TUNNEL_BATCH_RECORD_INTS,
                                decode_flush, &d, NULL) == TRAVERSE_OK);
  CHECK(d.largest_flush == 2 && d.r.starts == 10 && d.r.ends == 10);
  /* one kind needs pairs */
  batch_decoder e = {.records = pairs, .start = 0, .end = 1, .r = {.stop_at_event = -1}};
  CHECK(traverse_events_batched(10, 0, 1, pairs, 4 * TUNNEL_BATCH_PAIR_INTS, TUNNEL_BATCH_RECORD_INTS,
                                decode_flush, &e, NULL) == TRAVERSE_EINVAL);
  /* no room for one record, a NULL buffer, an unknown layout */
  CHECK(traverse_events_batched(10, 0, 1, pairs, 1, TUNNEL_BATCH_PAIR_INTS, decode_flush, &e, NULL) == TRAVERSE_EINVAL);
  CHECK(traverse_events_batched(10, 0, 1, pairs, 0, TUNNEL_BATCH_PAIR_INTS, decode_flush, &e, NULL) == TRAVERSE_EINVAL);
  CHECK(traverse_events_batched(10, 0, 1, NULL, 8, TUNNEL_BATCH_PAIR_INTS, decode_flush, &e, NULL) == TRAVERSE_EINVAL);
  CHECK(traverse_events_batched(10, 0, 1, pairs, 8, 5, decode_flush, &e, NULL) == TRAVERSE_EINVAL);
  CHECK(e.flushes == 0);
  free(pairs);

  tunnel_batch batch;
  int32_t one[3];
  CHECK(tunnel_batch_init(&batch, one, 3, TUNNEL_BATCH_RECORD_INTS, decode_flush, &d) == 0);
  CHECK(tunnel_batch_init(&batch, one, 2, TUNNEL_BATCH_RECORD_INTS, decode_flush, &d) == -1);
  CHECK(tunnel_batch_init(&batch, one, 3, TUNNEL_BATCH_PAIR_INTS, NULL, &d) == -1);
}

/* ---- lines with their bytes ---- */

/* Every line's index, length and FNV-1a hash of its bytes, chained: equal digests, equal lines. */
typedef struct {
  uint64_t digest;
  int64_t lines;
  int64_t next_index;
  int64_t stop_at;        /* request a stop after this line, or -1 */
  traverse_control* control;
  int misordered;
  char first[64];         /* the first line, for exact checks */
  size_t first_length;
} line_log;

static void on_line(void* user_data, int64_t index, const char* bytes, size_t length) {
  line_log* log = user_data;
  if (index != log->next_index) {
    log->misordered++;
  }
  log->next_index = index + 1;
  uint64_t h = log->digest ^ (uint64_t)index * 1099511628211u ^ (uint64_t)length;
  for (size_t i = 0; i < length; i++) {
    h = (h ^ (unsigned char)bytes[i]) * 1099511628211u;
  }
  log->digest = h;
  if (log->lines == 0) {
    log->first_length = length;
    memcpy(log->first, bytes, length < sizeof log->first ? length : sizeof log->first);
  }
  log->lines++;
  if (log->stop_at == index) {
    traverse_request_stop(log->control);
  }
}

static void test_lines_in_memory(void) {
  const char text[] = "a\n\nbb\r\nx\0y\nlast";
  line_log log = {.stop_at = -1};
  traverse_control control;
  traverse_control_init(&control);
  CHECK(traverse_memory_lines(text, sizeof text - 1, on_line, &log, &control) == TRAVERSE_OK);
  CHECK(log.lines == 5 && log.misordered == 0);
  CHECK(log.first_length == 1 && log.first[0] == 'a');
  CHECK(control.lines == 5 && control.end_calls == 5 && control.start_calls == 0);
  CHECK(control.bytes == (int64_t)sizeof text - 1);
  /* a last '\n' ends the last line: no empty line after it; nothing at all in no bytes */
  line_log ended = {.stop_at = -1};
  CHECK(traverse_memory_lines("a\nb\n", 4, on_line, &ended, NULL) == TRAVERSE_OK && ended.lines == 2);
  line_log empty = {.stop_at = -1};
  CHECK(traverse_memory_lines("", 0, on_line, &empty, NULL) == TRAVERSE_OK && empty.lines == 0);
  line_log blank = {.stop_at = -1};
  CHECK(traverse_memory_lines("\n", 1, on_line, &blank, NULL) == TRAVERSE_OK && blank.lines == 1 && blank.first_length == 0);
  CHECK(traverse_memory_lines(NULL, 3, on_line, &blank, NULL) == TRAVERSE_EINVAL);
  /* no callback: lines are counted */
  traverse_control_init(&control);
  CHECK(traverse_memory_lines(text, sizeof text - 1, NULL, NULL, &control) == TRAVERSE_OK);
  CHECK(control.lines == 5 && control.end_calls == 0);
}

static void test_lines_from_files_equal_lines_in_memory(void) {
  /* lines of every length around the read buffer's, NULs and '\r' in them, no last '\n' */
  size_t size = 5 * TRAVERSE_READ_BUFFER_SIZE + 123;
  char* data = malloc(size);
  unsigned state = 12345;
  size_t next_newline = 0;
  for (size_t i = 0; i < size; i++) {
    state = state * 1103515245u + 12345u;
    data[i] = (char)(state >> 16);
    if (data[i] == '\n') {
      data[i] = 'n';
    }
    if (i == next_newline) {
      data[i] = '\n';
      /* short lines, then lines of 2.5 read buffers, then lines ending at a read's last byte */
      size_t b = TRAVERSE_READ_BUFFER_SIZE;
      next_newline = i < 1000 ? i + 7 : i < 200000 ? i + b * 5 / 2 : (i / b + 2) * b - 1;
    }
  }
  const char* path = write_file("lines.bin", data, size);
  line_log from_memory = {.stop_at = -1}, from_file = {.stop_at = -1};
  traverse_control memory_control, file_control;
  traverse_control_init(&memory_control);
  traverse_control_init(&file_control);
  CHECK(traverse_memory_lines(data, size, on_line, &from_memory, &memory_control) == TRAVERSE_OK);
  CHECK(traverse_file_lines(path, on_line, &from_file, &file_control) == TRAVERSE_OK);
  CHECK(from_memory.lines > 100 && from_memory.lines == from_file.lines);
  CHECK(from_memory.digest == from_file.digest && from_file.misordered == 0);
  CHECK(file_control.bytes == (int64_t)size && file_control.lines == from_file.lines);
  free(data);

  /* a 10 MiB line arrives whole */
  size_t huge = 10u << 20;
  char* big = malloc(huge + 1);
  memset(big, 'z', huge);
  big[huge] = '\n';
  path = write_file("huge.txt", big, huge + 1);
  line_log one = {.stop_at = -1}, same = {.stop_at = -1};
  CHECK(traverse_file_lines(path, on_line, &one, NULL) == TRAVERSE_OK);
  CHECK(traverse_memory_lines(big, huge + 1, on_line, &same, NULL) == TRAVERSE_OK);
  CHECK(one.lines == 1 && one.digest == same.digest);
  free(big);
  line_log none = {.stop_at = -1};
  CHECK(traverse_file_lines(write_file("empty.txt", "", 0), on_line, &none, NULL) == TRAVERSE_OK && none.lines == 0);
}

static void test_lines_stop_and_errors(void) {
  traverse_control control;
  traverse_control_init(&control);
  line_log log = {.stop_at = 1, .control = &control};
  const char* path = write_file("three.txt", "a\nb\nc\n", 6);
  CHECK(traverse_file_lines(path, on_line, &log, &control) == TRAVERSE_ESTOPPED);
  CHECK(log.lines == 2 && control.end_calls == 2);
  traverse_control_init(&control);
  line_log memory = {.stop_at = 0, .control = &control};
  CHECK(traverse_memory_lines("a\nb\n", 4, on_line, &memory, &control) == TRAVERSE_ESTOPPED && memory.lines == 1);
  CHECK(traverse_file_lines(NULL, on_line, NULL, NULL) == TRAVERSE_EINVAL);
  char missing[512];
  snprintf(missing, sizeof missing, "%s/missing.txt", dir);
  CHECK(traverse_file_lines(missing, on_line, NULL, NULL) == ENOENT);
  CHECK(traverse_file_lines(dir, on_line, NULL, NULL) == EISDIR);
}

/* ---- synthetic events of richer signatures ---- */

typedef struct {
  int64_t calls, offset_sum;
  double value_sum;
  const void* source;
  int64_t name_bytes;
  int printable;
  traverse_control* control;
  int64_t stop_at;
} sample_log;

static void on_sample(void* user_data, int64_t offset, double value, const void* source) {
  sample_log* log = user_data;
  log->calls++;
  log->offset_sum += offset;
  log->value_sum += value;
  log->source = source;
  if (log->stop_at == offset) {
    traverse_request_stop(log->control);
  }
}

static void on_name(void* user_data, const char* name, size_t length) {
  sample_log* log = user_data;
  log->calls++;
  log->name_bytes += (int64_t)length;
  for (size_t i = 0; i < length; i++) {
    log->printable &= name[i] >= '!' && name[i] <= '~';
  }
}

static void test_sample_and_name_events(void) {
  sample_log log = {.stop_at = -1};
  traverse_control control;
  traverse_control_init(&control);
  CHECK(traverse_sample_events(1000, on_sample, &log, &control) == TRAVERSE_OK);
  CHECK(log.calls == 1000 && log.offset_sum == 999 * 1000 / 2 && log.value_sum == 999.0 * 1000 / 4);
  CHECK(log.source != NULL && control.end_calls == 1000 && control.lines == 1000);
  CHECK(traverse_sample_events(-1, on_sample, &log, NULL) == TRAVERSE_EINVAL);
  CHECK(traverse_sample_events(5, NULL, NULL, NULL) == TRAVERSE_OK);
  traverse_control_init(&control);
  sample_log stopped = {.stop_at = 9, .control = &control};
  CHECK(traverse_sample_events(100, on_sample, &stopped, &control) == TRAVERSE_ESTOPPED && stopped.calls == 10);

  sample_log names = {.printable = 1, .stop_at = -1};
  traverse_control_init(&control);
  CHECK(traverse_name_events(200, 256, on_name, &names, &control) == TRAVERSE_OK);
  CHECK(names.calls == 200 && names.name_bytes == 200 * 256 && names.printable);
  CHECK(control.bytes == 200 * 256 && control.end_calls == 200);
  CHECK(traverse_name_events(1, 4097, on_name, &names, NULL) == TRAVERSE_EINVAL);
  CHECK(traverse_name_events(1, 4096, on_name, &names, NULL) == TRAVERSE_OK);
  CHECK(traverse_name_events(3, 0, on_name, &names, NULL) == TRAVERSE_OK);
}

/* ---- mixed events ---- */

typedef struct mixed_log {
  int64_t samples, names, lines, bytes, next_index;
  int in_order;
} mixed_log;

static void on_mixed_sample(void* user_data, int64_t offset, double value, const void* source) {
  mixed_log* log = user_data;
  log->samples++;
  log->in_order &= offset >= log->next_index && value >= 0 && value < 1 && ((uintptr_t)source & 15) == 0;
  log->next_index = offset + 1;
}

static void on_mixed_name(void* user_data, const char* name, size_t length) {
  mixed_log* log = user_data;
  log->names++;
  log->bytes += (int64_t)length;
  for (size_t j = 1; j < length; j++) {
    log->in_order &= (uint8_t)(name[j] - name[j - 1]) == 7;
  }
}

static void on_mixed_line(void* user_data, int64_t index, const char* bytes, size_t length) {
  mixed_log* log = user_data;
  log->lines++;
  log->bytes += (int64_t)length;
  log->in_order &= index >= log->next_index && length <= 300;
  log->next_index = index + 1;
  (void)bytes;
}

static void test_mixed_events(void) {
  mixed_log log = {.in_order = 1};
  traverse_control control;
  traverse_control_init(&control);
  CHECK(traverse_mixed_events(3000, 42, 300, on_mixed_sample, on_mixed_name, on_mixed_line, &log, &control) == TRAVERSE_OK);
  CHECK(log.in_order && log.samples + log.names + log.lines == 3000 && log.samples > 800 && log.names > 800 && log.lines > 800);
  CHECK(control.end_calls == 3000 && control.bytes == log.bytes);
  mixed_log some = {.in_order = 1};
  CHECK(traverse_mixed_events(3000, 42, 300, NULL, on_mixed_name, NULL, &some, NULL) == TRAVERSE_OK);
  CHECK(some.names == log.names && some.samples == 0 && some.lines == 0);
  CHECK(traverse_mixed_events(-1, 42, 300, NULL, NULL, NULL, NULL, NULL) == TRAVERSE_EINVAL);
  CHECK(traverse_mixed_events(1, 0, 300, NULL, NULL, NULL, NULL, NULL) == TRAVERSE_EINVAL);
  CHECK(traverse_mixed_events(1, 1, ((size_t)64 << 20) + 1, NULL, NULL, NULL, NULL, NULL) == TRAVERSE_EINVAL);
  traverse_control_init(&control);
  traverse_request_stop(&control);
  CHECK(traverse_mixed_events(10, 1, 5, on_mixed_sample, on_mixed_name, on_mixed_line, &log, &control) == TRAVERSE_ESTOPPED);
}

/* ---- the hook registry ---- */

static int64_t hook_right_0(int64_t token) { return token == 0 ? TRAVERSE_HOOK_ANSWER(0) : -2; }
static int64_t hook_rejecting(int64_t token) { (void)token; return TRAVERSE_HOOK_REJECTED; }
static int64_t hook_wrong(int64_t token) { return TRAVERSE_HOOK_ANSWER(token + 1); }

static void test_hooks(void) {
  traverse_hooks_clear();
  traverse_hook_report report;
  CHECK(traverse_hooks_call_random(2, 10, 1, &report) == EINVAL); /* no hook kept */
  CHECK(traverse_hooks_add(hook_right_0) == 0);
  CHECK(traverse_hooks_add(hook_rejecting) == 1);
  CHECK(traverse_hooks_add(hook_wrong) == 2);
  CHECK(traverse_hooks_count() == 3);
  CHECK(traverse_hooks_call_all(2, &report) == 0);
  CHECK(report.calls == 3 && report.right == 1 && report.rejected == 1 && report.wrong == 1);
  CHECK(traverse_hooks_call_random(4, 300, 7, &report) == 0);
  CHECK(report.calls == 1200 && report.right + report.rejected + report.wrong == 1200);
  CHECK(report.right > 0 && report.rejected > 0 && report.wrong > 0);
  CHECK(traverse_hooks_call_all(0, &report) == EINVAL && traverse_hooks_call_random(1, 0, 1, &report) == EINVAL);
  traverse_hooks_clear();
  CHECK(traverse_hooks_count() == 0);
}

int main(void) {
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 2;
  }
  test_memory_events();
  test_null_callbacks_are_skipped();
  test_stop_request();
  test_chunked_scan_equals_whole();
  test_overflow_is_reported();
  test_synthetic_events();
  test_files();
  test_file_errors();
  test_callbacks_without_user_data();
  test_basics();
  test_async();
  test_pump();
  test_session_and_blocking();
  test_batched_matches_unbatched();
  test_batched_sources();
  test_batched_stop_ends_delivery();
  test_batched_layout_is_checked();
  test_lines_in_memory();
  test_lines_from_files_equal_lines_in_memory();
  test_lines_stop_and_errors();
  test_sample_and_name_events();
  test_mixed_events();
  test_hooks();
  char command[600];
  snprintf(command, sizeof command, "rm -rf %s", dir);
  if (system(command) != 0) {
    fprintf(stderr, "could not remove %s\n", dir);
  }
  printf("traverse_test: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
