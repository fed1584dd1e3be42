/*
 * libtraverse: a C library that reports the records (lines) of a file to callbacks.
 *
 * The first part is the API of the callbacks article verbatim. The second part is the
 * extended API Tunnel binds: it returns a status instead of void, can be asked to stop,
 * reports 64-bit totals, and exposes the scanning core so it can be fed from memory.
 */
#ifndef TRAVERSE_H
#define TRAVERSE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*StartCallbackFn)(void* user_data, int i);
typedef void (*EndCallbackFn)(void* user_data, int a, int b);

typedef struct {
  StartCallbackFn start;
  EndCallbackFn end;
} Callbacks;

/*
 * Processes the file and invokes callbacks from cbs on events found in the file, each with
 * its own relevant data. user_data is passed through to the callbacks.
 *
 * Every line (a record ended by '\n'; a last line without '\n' counts; an empty file has
 * none) fires start(user_data, i) with the line's 0-based index when the line begins, then
 * end(user_data, i, length) with the same index and the line's length in bytes without the
 * '\n' (a '\r' before it counts). NULL callbacks are skipped. Errors are not reported: use
 * traverse_file() to learn about them.
 */
void traverse(char* filename, Callbacks cbs, void* user_data);

/* ---- Extended API ------------------------------------------------------------------- */

/*
 * Status codes. 0 is success; positive values are errno values from the operating system
 * (ENOENT, EACCES, EISDIR, EIO, ...); negative values are the library's own.
 */
#define TRAVERSE_OK         0
#define TRAVERSE_ESTOPPED  (-1) /* stopped early by traverse_request_stop() */
#define TRAVERSE_ENOTREG   (-2) /* not a regular file (FIFO, device, socket) */
#define TRAVERSE_EOVERFLOW (-3) /* a line index or length no longer fits an int */
#define TRAVERSE_EINVAL    (-4) /* an argument is invalid (NULL filename or data) */
#define TRAVERSE_ENOMEM    (-5) /* the read buffer could not be allocated */

/* Size of the buffer a file is streamed through: memory use does not grow with the file. */
#define TRAVERSE_READ_BUFFER_SIZE 65536

/*
 * Per-traversal control block, owned by the caller. Zero it (or call
 * traverse_control_init) before a traversal. Another thread, or a callback, may call
 * traverse_request_stop() on it at any time; the traversal then returns TRAVERSE_ESTOPPED
 * after the callback in progress, without firing further callbacks.
 * When the traversal returns, the counters hold what happened, whatever the status.
 */
typedef struct traverse_control {
  int stop;             /* non-zero once a stop was requested; read atomically */
  int64_t lines;        /* lines completed (end events, fired or not) */
  int64_t bytes;        /* bytes consumed */
  int64_t start_calls;  /* start callbacks actually made */
  int64_t end_calls;    /* end callbacks actually made */
} traverse_control;

void traverse_control_init(traverse_control* control);
void traverse_request_stop(traverse_control* control);
int traverse_stop_requested(const traverse_control* control);

/*
 * traverse() with error reporting: returns TRAVERSE_OK, an errno value (ENOENT, EACCES,
 * EISDIR, EIO...) or one of the TRAVERSE_E* codes. A FIFO, device or socket is rejected
 * with TRAVERSE_ENOTREG without blocking. control may be NULL.
 */
int traverse_file(const char* filename, Callbacks cbs, void* user_data, traverse_control* control);

/* The same traversal over size bytes of memory. */
int traverse_memory(const char* data, size_t size, Callbacks cbs, void* user_data,
                    traverse_control* control);

/*
 * A synthetic event source: reports `lines` lines (line i has length i % 64) as a traversal
 * would, without reading or scanning anything, so callers can measure the cost of the callbacks
 * alone. Stops, counts (bytes: what the lines would occupy) and statuses as traverse_memory;
 * more than INT_MAX + 1 lines is TRAVERSE_EOVERFLOW, a negative count TRAVERSE_EINVAL.
 */
int traverse_events(int64_t lines, Callbacks cbs, void* user_data, traverse_control* control);

/* ---- Synthetic events of richer signatures ------------------------------------------ */

/* An event with a 64-bit integer, a floating-point value and a pointer, as C libraries report records. */
typedef void (*SampleEventFn)(void* user_data, int64_t offset, double value, const void* source);

/*
 * Calls sample(user_data, i, i * 0.5, source) for i = 0 .. count - 1, where source is the
 * address of a static table (never NULL): the cost of the callbacks alone, as traverse_events.
 * Stops as traverse_events; control (may be NULL) counts the calls as lines and end_calls.
 * TRAVERSE_EINVAL for a negative count.
 */
int traverse_sample_events(int64_t count, SampleEventFn sample, void* user_data, traverse_control* control);

/* An event with a name: length bytes at name, lent for the call (not NUL-terminated). */
typedef void (*NameEventFn)(void* user_data, const char* name, size_t length);

/*
 * Calls name(user_data, bytes, length) count times; event i's bytes are length bytes of a
 * static text of printable ASCII starting at offset i % 64, so consecutive names differ.
 * TRAVERSE_EINVAL for a negative count or a length over 4096. Stops and counts as
 * traverse_sample_events (bytes: the names' total length).
 */
int traverse_name_events(int64_t count, size_t length, NameEventFn name, void* user_data, traverse_control* control);

/* ---- Lines with their bytes ---------------------------------------------------------- */

/*
 * Line `index` (0-based) has these `length` bytes, without its '\n' and with anything else in
 * it ('\r', NUL, bytes that are not UTF-8). The bytes are lent for the call only. A last line
 * without '\n' is a line too; an empty file has none.
 */
typedef void (*LineCallbackFn)(void* user_data, int64_t index, const char* bytes, size_t length);

/*
 * Calls line for every line of filename, in order, as traverse_file reads it: a line inside one
 * read is passed in place, one that straddles reads is assembled in a buffer of its own (grown
 * as needed: a 10 MiB line arrives whole). line may be NULL (lines are counted only). Statuses
 * as traverse_file, plus TRAVERSE_ENOMEM if a line outgrows memory; no index or length limit.
 * control (may be NULL) counts lines, bytes and, as end_calls, the line calls made.
 */
int traverse_file_lines(const char* filename, LineCallbackFn line, void* user_data, traverse_control* control);

/* The same over size bytes of memory: every line is passed in place. */
int traverse_memory_lines(const char* data, size_t size, LineCallbackFn line, void* user_data,
                          traverse_control* control);

/*
 * Calls SampleEventFn, NameEventFn and LineCallbackFn, mixed: event i is chosen by r, the i-th value of the
 * xorshift64 generator started at seed (x ^= x << 13; x ^= x >> 7; x ^= x << 17; r = x):
 *   r % 3 == 0   sample(user_data, i, (r >> 11) * 2^-53, (const void*)(r & ~15))
 *   r % 3 == 1   name(user_data, bytes, n)
 *   r % 3 == 2   line(user_data, i, bytes, n)
 * where n = (r >> 8) % (max_length + 1) and bytes[j] = (uint8_t)((r >> 16) + 7 * j): NULs and
 * bytes above 0x7F included, in a buffer wiped after each call. A NULL callback is not called
 * (its events still count in i). TRAVERSE_EINVAL for a negative count, a seed of 0 or a
 * max_length over 64 MiB; TRAVERSE_ENOMEM if the buffer cannot be had. Stops and counts as
 * traverse_sample_events (bytes: the names' and lines' total length).
 */
int traverse_mixed_events(int64_t count, uint64_t seed, size_t max_length, SampleEventFn sample, NameEventFn name,
                          LineCallbackFn line, void* user_data, traverse_control* control);

/* A human-readable message for any status this library returns. Never NULL. */
const char* traverse_strerror(int status);

/*
 * What kind of failure a status is, so bindings need not know each platform's errno values.
 */
#define TRAVERSE_KIND_OK            0
#define TRAVERSE_KIND_NOT_FOUND     1 /* ENOENT, ENOTDIR */
#define TRAVERSE_KIND_ACCESS_DENIED 2 /* EACCES, EPERM */
#define TRAVERSE_KIND_IS_DIRECTORY  3 /* EISDIR */
#define TRAVERSE_KIND_NOT_REGULAR   4 /* TRAVERSE_ENOTREG */
#define TRAVERSE_KIND_OVERFLOW      5 /* TRAVERSE_EOVERFLOW */
#define TRAVERSE_KIND_STOPPED       6 /* TRAVERSE_ESTOPPED */
#define TRAVERSE_KIND_OTHER         7 /* anything else: see traverse_strerror */
int traverse_status_kind(int status);

/*
 * The scanning core that traverse_file and traverse_memory share, for callers that feed
 * data in chunks of any size: init, then scan each chunk, then end.
 */
typedef struct traverse_scanner {
  int64_t line;         /* index of the current (or next) line */
  int64_t length;       /* bytes of the current line seen so far */
  int open;             /* non-zero inside a line whose start was reported */
  int64_t start_calls;
  int64_t end_calls;
} traverse_scanner;

void traverse_scanner_init(traverse_scanner* scanner);
int traverse_scan(traverse_scanner* scanner, const char* data, size_t size,
                  const Callbacks* cbs, void* user_data, traverse_control* control);
int traverse_scan_end(traverse_scanner* scanner, const Callbacks* cbs, void* user_data,
                      traverse_control* control);

#ifdef __cplusplus
}
#endif

#endif /* TRAVERSE_H */
