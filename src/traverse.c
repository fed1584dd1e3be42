/* The traversal core: a line scanner fed in chunks, over a file or over memory. */
#define _POSIX_C_SOURCE 200809L
#include "traverse.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 0
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif

void traverse_control_init(traverse_control* control) {
  memset(control, 0, sizeof *control);
}

void traverse_request_stop(traverse_control* control) {
  if (control != NULL) {
    __atomic_store_n(&control->stop, 1, __ATOMIC_RELEASE);
  }
}

/*
 * The stop check every event makes. Static, so the per-event loops call it directly: a call to
 * the exported traverse_stop_requested from inside this -fPIC shared library would go through
 * the PLT (it could be interposed at load time), a measurable share of a ~3 ns event.
 */
static inline int stop_requested(const traverse_control* control) {
  return control != NULL && __atomic_load_n(&control->stop, __ATOMIC_ACQUIRE) != 0;
}

int traverse_stop_requested(const traverse_control* control) {
  return stop_requested(control);
}

void traverse_scanner_init(traverse_scanner* scanner) {
  memset(scanner, 0, sizeof *scanner);
}

static int finish_line(traverse_scanner* s, const Callbacks* cbs, void* user_data,
                       traverse_control* control) {
  s->open = 0;
  s->line++;
  if (cbs->end != NULL) {
    s->end_calls++;
    cbs->end(user_data, (int)(s->line - 1), (int)s->length);
    if (stop_requested(control)) {
      return TRAVERSE_ESTOPPED;
    }
  }
  return TRAVERSE_OK;
}

int traverse_scan(traverse_scanner* s, const char* data, size_t size, const Callbacks* cbs,
                  void* user_data, traverse_control* control) {
  const char* p = data;
  const char* const end = data + size;
  while (p < end) {
    if (!s->open) {
      if (s->line > INT_MAX) {
        return TRAVERSE_EOVERFLOW; /* the next index would wrap in the int callbacks take */
      }
      s->open = 1;
      s->length = 0;
      if (cbs->start != NULL) {
        s->start_calls++;
        cbs->start(user_data, (int)s->line);
        if (stop_requested(control)) {
          return TRAVERSE_ESTOPPED;
        }
      }
    }
    const char* newline = memchr(p, '\n', (size_t)(end - p));
    const char* stop = newline != NULL ? newline : end;
    s->length += stop - p;
    if (s->length > INT_MAX) {
      return TRAVERSE_EOVERFLOW; /* reported as soon as it happens, not after the line */
    }
    if (newline == NULL) {
      break;
    }
    p = newline + 1;
    int status = finish_line(s, cbs, user_data, control);
    if (status != TRAVERSE_OK) {
      return status;
    }
  }
  return TRAVERSE_OK;
}

int traverse_scan_end(traverse_scanner* s, const Callbacks* cbs, void* user_data,
                      traverse_control* control) {
  return s->open ? finish_line(s, cbs, user_data, control) : TRAVERSE_OK;
}

/* Fills control (which may be NULL) with what a traversal did, and returns status. */
static int report_counts(int status, traverse_control* control, int64_t lines, int64_t bytes, int64_t start_calls,
                         int64_t end_calls) {
  if (control != NULL) {
    control->lines = lines;
    control->bytes = bytes;
    control->start_calls = start_calls;
    control->end_calls = end_calls;
  }
  return status;
}

static int report(int status, const traverse_scanner* s, int64_t bytes, traverse_control* control) {
  return report_counts(status, control, s->line - (s->open ? 1 : 0), bytes, s->start_calls, s->end_calls);
}

int traverse_memory(const char* data, size_t size, Callbacks cbs, void* user_data,
                    traverse_control* control) {
  traverse_scanner s;
  traverse_scanner_init(&s);
  if (data == NULL && size > 0) {
    return report(TRAVERSE_EINVAL, &s, 0, control);
  }
  if (stop_requested(control)) {
    return report(TRAVERSE_ESTOPPED, &s, 0, control);
  }
  int status = size > 0 ? traverse_scan(&s, data, size, &cbs, user_data, control) : TRAVERSE_OK;
  if (status == TRAVERSE_OK) {
    status = traverse_scan_end(&s, &cbs, user_data, control);
  }
  return report(status, &s, (int64_t)size, control);
}

int traverse_events(int64_t lines, Callbacks cbs, void* user_data, traverse_control* control) {
  traverse_scanner s;
  traverse_scanner_init(&s);
  if (lines < 0) {
    return report(TRAVERSE_EINVAL, &s, 0, control);
  }
  if (lines > (int64_t)INT_MAX + 1) {
    return report(TRAVERSE_EOVERFLOW, &s, 0, control);
  }
  int64_t bytes = 0;
  int status = stop_requested(control) ? TRAVERSE_ESTOPPED : TRAVERSE_OK;
  for (int64_t i = 0; i < lines && status == TRAVERSE_OK; i++) {
    int length = (int)(i & 63);
    if (cbs.start != NULL) {
      s.start_calls++;
      cbs.start(user_data, (int)i);
      if (stop_requested(control)) {
        status = TRAVERSE_ESTOPPED; /* inside line i: s.line counts only completed lines */
        break;
      }
    }
    s.line++;
    bytes += length + 1;
    if (cbs.end != NULL) {
      s.end_calls++;
      cbs.end(user_data, (int)i, length);
      if (stop_requested(control)) {
        status = TRAVERSE_ESTOPPED;
      }
    }
  }
  return report(status, &s, bytes, control);
}

/* What traverse_sample_events and traverse_name_events report when they end: each call a line. */
static int synthetic_report(int status, int64_t calls, int64_t bytes, traverse_control* control) {
  return report_counts(status, control, calls, bytes, 0, calls);
}

static const double sample_source[4] = {1, 2, 3, 4};

int traverse_sample_events(int64_t count, SampleEventFn sample, void* user_data, traverse_control* control) {
  if (count < 0) {
    return synthetic_report(TRAVERSE_EINVAL, 0, 0, control);
  }
  int64_t calls = 0;
  int status = stop_requested(control) ? TRAVERSE_ESTOPPED : TRAVERSE_OK;
  for (int64_t i = 0; i < count && status == TRAVERSE_OK && sample != NULL; i++) {
    calls++;
    sample(user_data, i, (double)i * 0.5, sample_source);
    if (stop_requested(control)) {
      status = TRAVERSE_ESTOPPED;
    }
  }
  return synthetic_report(status, calls, 0, control);
}

#define NAME_TEXT_MAX 4096
static char name_text[NAME_TEXT_MAX + 64];
static pthread_once_t name_text_once = PTHREAD_ONCE_INIT;

static void name_text_init(void) {
  for (size_t i = 0; i < sizeof name_text; i++) {
    name_text[i] = (char)('!' + (i * 7) % 94);
  }
}

int traverse_name_events(int64_t count, size_t length, NameEventFn name, void* user_data, traverse_control* control) {
  if (count < 0 || length > NAME_TEXT_MAX) {
    return synthetic_report(TRAVERSE_EINVAL, 0, 0, control);
  }
  pthread_once(&name_text_once, name_text_init);
  int64_t calls = 0;
  int status = stop_requested(control) ? TRAVERSE_ESTOPPED : TRAVERSE_OK;
  for (int64_t i = 0; i < count && status == TRAVERSE_OK && name != NULL; i++) {
    calls++;
    name(user_data, name_text + (i & 63), length);
    if (stop_requested(control)) {
      status = TRAVERSE_ESTOPPED;
    }
  }
  return synthetic_report(status, calls, calls * (int64_t)length, control);
}

#define MIXED_LENGTH_MAX ((size_t)64 << 20)

int traverse_mixed_events(int64_t count, uint64_t seed, size_t max_length, SampleEventFn sample, NameEventFn name,
                          LineCallbackFn line, void* user_data, traverse_control* control) {
  if (count < 0 || seed == 0 || max_length > MIXED_LENGTH_MAX) {
    return synthetic_report(TRAVERSE_EINVAL, 0, 0, control);
  }
  uint8_t* bytes = malloc(max_length + 1);
  if (bytes == NULL) {
    return synthetic_report(TRAVERSE_ENOMEM, 0, 0, control);
  }
  int64_t calls = 0;
  int64_t total = 0;
  uint64_t x = seed;
  int status = stop_requested(control) ? TRAVERSE_ESTOPPED : TRAVERSE_OK;
  for (int64_t i = 0; i < count && status == TRAVERSE_OK; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    uint64_t r = x;
    size_t n = (size_t)((r >> 8) % ((uint64_t)max_length + 1));
    int kind = (int)(r % 3);
    if (kind == 0) {
      if (sample != NULL) {
        calls++;
        sample(user_data, i, (double)(r >> 11) * 0x1.0p-53, (const void*)(uintptr_t)(r & ~(uint64_t)15));
      }
    } else if (kind == 1 ? name != NULL : line != NULL) {
      for (size_t j = 0; j < n; j++) {
        bytes[j] = (uint8_t)((r >> 16) + 7 * j);
      }
      calls++;
      total += (int64_t)n;
      if (kind == 1) {
        name(user_data, (const char*)bytes, n);
      } else {
        line(user_data, i, (const char*)bytes, n);
      }
      memset(bytes, 0x55, n); /* whoever kept the pointer sees other bytes */
    }
    if (stop_requested(control)) {
      status = TRAVERSE_ESTOPPED;
    }
  }
  free(bytes);
  return synthetic_report(status, calls, total, control);
}

/* Opens filename for reading without blocking on FIFOs, and rejects what is not a regular file. */
static int open_regular(const char* filename, int* fd_out) {
  int fd;
  do {
    fd = open(filename, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    return errno;
  }
  struct stat st;
  int status = TRAVERSE_OK;
  if (fstat(fd, &st) != 0) {
    status = errno;
  } else if (S_ISDIR(st.st_mode)) {
    status = EISDIR;
  } else if (!S_ISREG(st.st_mode)) {
    status = TRAVERSE_ENOTREG;
  }
  if (status != TRAVERSE_OK) {
    close(fd);
    return status;
  }
  *fd_out = fd;
  return TRAVERSE_OK;
}

int traverse_file(const char* filename, Callbacks cbs, void* user_data, traverse_control* control) {
  traverse_scanner s;
  traverse_scanner_init(&s);
  if (filename == NULL) {
    return report(TRAVERSE_EINVAL, &s, 0, control);
  }
  int fd = -1;
  int status = open_regular(filename, &fd);
  if (status != TRAVERSE_OK) {
    return report(status, &s, 0, control);
  }
  char* buffer = malloc(TRAVERSE_READ_BUFFER_SIZE);
  if (buffer == NULL) {
    close(fd);
    return report(TRAVERSE_ENOMEM, &s, 0, control);
  }
  int64_t bytes = 0;
  for (;;) {
    if (stop_requested(control)) {
      status = TRAVERSE_ESTOPPED;
      break;
    }
    ssize_t n = read(fd, buffer, TRAVERSE_READ_BUFFER_SIZE);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) {
        continue;
      }
      status = errno;
      break;
    }
    if (n == 0) {
      status = traverse_scan_end(&s, &cbs, user_data, control);
      break;
    }
    bytes += n;
    status = traverse_scan(&s, buffer, (size_t)n, &cbs, user_data, control);
    if (status != TRAVERSE_OK) {
      break;
    }
  }
  free(buffer);
  close(fd);
  return report(status, &s, bytes, control);
}

/* ---- Lines with their bytes ---- */

/* What traverse_file_lines and traverse_memory_lines share: the callback and the tallies. */
typedef struct line_reader {
  LineCallbackFn line;
  void* user_data;
  traverse_control* control;
  int64_t lines;   /* lines completed */
  int64_t calls;   /* line calls made */
  char* carry;     /* the start of a line that straddles reads (file only) */
  size_t carry_length, carry_capacity;
  int carrying;    /* bytes seen since the last '\n' */
} line_reader;

static int line_done(line_reader* r, const char* bytes, size_t length) {
  r->lines++;
  if (r->line != NULL) {
    r->calls++;
    r->line(r->user_data, r->lines - 1, bytes, length);
    if (stop_requested(r->control)) {
      return TRAVERSE_ESTOPPED;
    }
  }
  return TRAVERSE_OK;
}

/* Keeps n more bytes of the straddling line; nothing to keep when nobody reads the bytes. */
static int line_carry(line_reader* r, const char* p, size_t n) {
  r->carrying = 1;
  if (r->line == NULL || n == 0) {
    return TRAVERSE_OK;
  }
  if (n > SIZE_MAX - r->carry_length) {
    return TRAVERSE_ENOMEM;
  }
  size_t need = r->carry_length + n;
  if (need > r->carry_capacity) {
    size_t capacity = r->carry_capacity == 0 ? 4096 : r->carry_capacity;
    while (capacity < need) {
      capacity = capacity > SIZE_MAX / 2 ? need : capacity * 2;
    }
    char* grown = realloc(r->carry, capacity);
    if (grown == NULL) {
      return TRAVERSE_ENOMEM;
    }
    r->carry = grown;
    r->carry_capacity = capacity;
  }
  memcpy(r->carry + r->carry_length, p, n);
  r->carry_length = need;
  return TRAVERSE_OK;
}

/* The line that straddled reads ends here. */
static int line_end_carried(line_reader* r) {
  r->carrying = 0;
  size_t length = r->carry_length;
  r->carry_length = 0;
  /* never NULL for the callback, even for a line whose bytes all came before this read and were none */
  return line_done(r, r->carry != NULL ? r->carry : "", length);
}

/* One read's bytes: lines inside it in place, the rest carried into the next. */
static int line_feed(line_reader* r, const char* data, size_t size) {
  const char* p = data;
  const char* const end = data + size;
  while (p < end) {
    const char* newline = memchr(p, '\n', (size_t)(end - p));
    if (newline == NULL) {
      return line_carry(r, p, (size_t)(end - p));
    }
    int status;
    if (r->carrying) {
      status = line_carry(r, p, (size_t)(newline - p));
      if (status == TRAVERSE_OK) {
        status = line_end_carried(r);
      }
    } else {
      status = line_done(r, p, (size_t)(newline - p));
    }
    if (status != TRAVERSE_OK) {
      return status;
    }
    p = newline + 1;
  }
  return TRAVERSE_OK;
}

static int line_report(int status, const line_reader* r, int64_t bytes) {
  free(r->carry);
  return report_counts(status, r->control, r->lines, bytes, 0, r->calls);
}

int traverse_memory_lines(const char* data, size_t size, LineCallbackFn line, void* user_data,
                          traverse_control* control) {
  line_reader r = {line, user_data, control, 0, 0, NULL, 0, 0, 0};
  if (data == NULL && size > 0) {
    return line_report(TRAVERSE_EINVAL, &r, 0);
  }
  if (stop_requested(control)) {
    return line_report(TRAVERSE_ESTOPPED, &r, 0);
  }
  const char* p = data;
  const char* const end = data + size;
  int status = TRAVERSE_OK;
  while (p < end && status == TRAVERSE_OK) {
    const char* newline = memchr(p, '\n', (size_t)(end - p));
    const char* stop = newline != NULL ? newline : end; /* the last line may have no '\n' */
    status = line_done(&r, p, (size_t)(stop - p));
    p = stop + 1;
  }
  return line_report(status, &r, (int64_t)size);
}

int traverse_file_lines(const char* filename, LineCallbackFn line, void* user_data, traverse_control* control) {
  line_reader r = {line, user_data, control, 0, 0, NULL, 0, 0, 0};
  if (filename == NULL) {
    return line_report(TRAVERSE_EINVAL, &r, 0);
  }
  int fd = -1;
  int status = open_regular(filename, &fd);
  if (status != TRAVERSE_OK) {
    return line_report(status, &r, 0);
  }
  char* buffer = malloc(TRAVERSE_READ_BUFFER_SIZE);
  if (buffer == NULL) {
    close(fd);
    return line_report(TRAVERSE_ENOMEM, &r, 0);
  }
  int64_t bytes = 0;
  for (;;) {
    if (stop_requested(control)) {
      status = TRAVERSE_ESTOPPED;
      break;
    }
    ssize_t n = read(fd, buffer, TRAVERSE_READ_BUFFER_SIZE);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) {
        continue;
      }
      status = errno;
      break;
    }
    if (n == 0) {
      status = r.carrying ? line_end_carried(&r) : TRAVERSE_OK;
      break;
    }
    bytes += n;
    status = line_feed(&r, buffer, (size_t)n);
    if (status != TRAVERSE_OK) {
      break;
    }
  }
  free(buffer);
  close(fd);
  return line_report(status, &r, bytes);
}

void traverse(char* filename, Callbacks cbs, void* user_data) {
  (void)traverse_file(filename, cbs, user_data, NULL);
}

int traverse_status_kind(int status) {
  switch (status) {
    case TRAVERSE_OK:        return TRAVERSE_KIND_OK;
    case ENOENT:
    case ENOTDIR:            return TRAVERSE_KIND_NOT_FOUND;
    case EACCES:
    case EPERM:              return TRAVERSE_KIND_ACCESS_DENIED;
    case EISDIR:             return TRAVERSE_KIND_IS_DIRECTORY;
    case TRAVERSE_ENOTREG:   return TRAVERSE_KIND_NOT_REGULAR;
    case TRAVERSE_EOVERFLOW: return TRAVERSE_KIND_OVERFLOW;
    case TRAVERSE_ESTOPPED:  return TRAVERSE_KIND_STOPPED;
    default:                 return TRAVERSE_KIND_OTHER;
  }
}

const char* traverse_strerror(int status) {
  switch (status) {
    case TRAVERSE_OK:        return "success";
    case TRAVERSE_ESTOPPED:  return "traversal stopped on request";
    case TRAVERSE_ENOTREG:   return "not a regular file";
    case TRAVERSE_EOVERFLOW: return "line index or length does not fit in an int";
    case TRAVERSE_EINVAL:    return "invalid argument";
    case TRAVERSE_ENOMEM:    return "out of memory";
    default:
      if (status > 0) {
        const char* message = strerror(status); /* static strings in glibc and musl */
        if (message != NULL) {
          return message;
        }
      }
      return "unknown traverse status";
  }
}
