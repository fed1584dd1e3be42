/*
 * libFuzzer target for libtraverse's scanning core, fed from memory. The first byte picks a
 * chunk size (1..256), the rest is the data. Each input is scanned whole with traverse_memory
 * and in chunks with traverse_scan, and both are checked against a plain reference count:
 * the same lines, the same lengths in order, start before end for every line, and a stop
 * requested at a chosen event honoured at once. traverse_memory_lines must report the same
 * lines, each with its own bytes in place. Any mismatch aborts (a crash for libFuzzer).
 *
 *   clang -fsanitize=fuzzer,address,undefined -I.. traverse_fuzz.c ../traverse.c -o traverse_fuzz
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "traverse.h"

typedef struct {
  int64_t starts, ends;
  int64_t length_sum;
  uint64_t length_hash; /* order-sensitive hash of (index, length) */
  int open;             /* a start was seen without its end */
  int64_t stop_at;      /* request a stop at this event, or -1 */
  int64_t events;
  traverse_control* control;
} tally;

static void count_event(tally* t) {
  if (t->stop_at >= 0 && t->events == t->stop_at) {
    traverse_request_stop(t->control);
  }
  t->events++;
}

static void on_start(void* user_data, int i) {
  tally* t = user_data;
  if (t->open || i != t->starts) {
    abort(); /* start out of order, or two starts without an end */
  }
  t->open = 1;
  t->starts++;
  count_event(t);
}

static void on_end(void* user_data, int a, int b) {
  tally* t = user_data;
  if (!t->open || a != t->ends || b < 0) {
    abort();
  }
  t->open = 0;
  t->ends++;
  t->length_sum += b;
  t->length_hash = t->length_hash * 1000003u ^ ((uint64_t)a << 32 | (uint32_t)b);
  count_event(t);
}

/* traverse_memory_lines: the same (index, length) hash, and bytes that are the input's own. */
typedef struct {
  const char* data;
  size_t size;
  size_t next;          /* where the next line must start */
  int64_t lines;
  uint64_t length_hash;
} line_tally;

static void on_line(void* user_data, int64_t index, const char* bytes, size_t length) {
  line_tally* t = user_data;
  if (index != t->lines || bytes != t->data + t->next || t->next + length > t->size
      || memchr(bytes, '\n', length) != NULL || (t->next + length < t->size && bytes[length] != '\n')) {
    abort(); /* out of order, not in place, or not exactly one line */
  }
  t->next += length + 1;
  t->lines++;
  t->length_hash = t->length_hash * 1000003u ^ ((uint64_t)index << 32 | (uint32_t)length);
}

/* What the scanner must report, computed the obvious way. */
static void reference(const uint8_t* data, size_t size, tally* t) {
  int64_t line = 0, length = 0;
  int open = 0;
  for (size_t i = 0; i < size; i++) {
    open = 1;
    if (data[i] == '\n') {
      t->length_hash = t->length_hash * 1000003u ^ ((uint64_t)line << 32 | (uint32_t)length);
      t->length_sum += length;
      line++;
      length = 0;
      open = 0;
    } else {
      length++;
    }
  }
  if (open) {
    t->length_hash = t->length_hash * 1000003u ^ ((uint64_t)line << 32 | (uint32_t)length);
    t->length_sum += length;
    line++;
  }
  t->starts = t->ends = line;
}

int LLVMFuzzerTestOneInput(const uint8_t* input, size_t input_size) {
  if (input_size == 0) {
    return 0;
  }
  size_t chunk = (size_t)input[0] + 1;
  const char* data = (const char*)input + 1;
  size_t size = input_size - 1;
  Callbacks cbs = {on_start, on_end};

  tally expected = {0};
  reference((const uint8_t*)data, size, &expected);

  /* whole */
  tally whole = {.stop_at = -1};
  traverse_control control;
  traverse_control_init(&control);
  if (traverse_memory(data, size, cbs, &whole, &control) != TRAVERSE_OK || whole.open ||
      whole.starts != expected.starts || whole.ends != expected.ends ||
      whole.length_sum != expected.length_sum || whole.length_hash != expected.length_hash ||
      control.lines != expected.ends || control.bytes != (int64_t)size) {
    abort();
  }

  /* in chunks: the same events */
  tally chunked = {.stop_at = -1};
  traverse_scanner scanner;
  traverse_scanner_init(&scanner);
  for (size_t offset = 0; offset < size; offset += chunk) {
    size_t n = size - offset < chunk ? size - offset : chunk;
    if (traverse_scan(&scanner, data + offset, n, &cbs, &chunked, NULL) != TRAVERSE_OK) {
      abort();
    }
  }
  if (traverse_scan_end(&scanner, &cbs, &chunked, NULL) != TRAVERSE_OK ||
      chunked.length_hash != expected.length_hash || chunked.ends != expected.ends) {
    abort();
  }

  /* lines with their bytes */
  line_tally lines = {data, size, 0, 0, 0};
  if (traverse_memory_lines(data, size, on_line, &lines, NULL) != TRAVERSE_OK || lines.lines != expected.ends ||
      lines.length_hash != expected.length_hash) {
    abort();
  }

  /* a stop at a chosen event: nothing after it */
  if (whole.events > 0) {
    tally stopped = {.stop_at = (int64_t)(input[0] % whole.events)};
    traverse_control_init(&control);
    stopped.control = &control;
    if (traverse_memory(data, size, cbs, &stopped, &control) != TRAVERSE_ESTOPPED ||
        stopped.events != stopped.stop_at + 1) {
      abort();
    }
  }
  return 0;
}
