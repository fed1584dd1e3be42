/*
 * The small functions the cgo texts use to teach type mapping: a struct argument, strings
 * with explicit ownership, bytes with a length, arrays, awkward struct layouts, and the
 * process environment.
 */
#ifndef TRAVERSE_BASICS_H
#define TRAVERSE_BASICS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Struct arguments --------------------------------------------------------------- */

typedef struct {
  int x;
  int y;
} point;

/* Euclidean distance between a and b, rounded to the nearest int. */
int distance(point* a, point* b);

/* ---- Strings ------------------------------------------------------------------------ */

/* Releases memory this library allocated (strings, arrays). NULL is ignored. */
void tn_free(void* memory);

/* Returns "Hello, NAME!" in memory the caller owns and must release with tn_free(). */
char* tn_greeting(const char* name);

/*
 * Writes "Hello, NAME!" into buffer (always NUL-terminated when capacity > 0, truncated if
 * needed) and returns the length the full greeting needs, like snprintf. The caller owns buffer.
 */
size_t tn_greeting_into(const char* name, char* buffer, size_t capacity);

/*
 * Returns bytes that are not NUL-terminated and may contain NUL, owned by the library
 * (static: never freed), and stores their count in *length.
 */
const char* tn_packet(size_t* length);

/* ---- Arrays ------------------------------------------------------------------------- */

/* Returns a new array of count int32 values i*i, owned by the caller (tn_free), or NULL. */
int32_t* tn_squares(size_t count);

/* Sum of count values, so a caller can check what C sees after writing through a view. */
int64_t tn_sum(const int32_t* values, size_t count);

/* ---- Awkward layouts (the cgo wiki's "struct alignment issues") ---------------------- */

/* A packed struct: no padding, so id sits at offset 1 and the size is 7. */
#pragma pack(push, 1)
typedef struct {
  uint8_t kind;
  uint32_t id;
  uint16_t flags;
} packed_header;
#pragma pack(pop)

size_t tn_packed_header_size(void);
size_t tn_packed_header_id_offset(void);
void tn_packed_header_fill(packed_header* header, uint8_t kind, uint32_t id, uint16_t flags);
/* kind + id + flags, as C reads them. */
uint64_t tn_packed_header_sum(const packed_header* header);

/*
 * The wiki's struct T: a uint32_t then a complex float, which C aligns to 4 so x sits at
 * offset 4 (Go's complex64 would want 8, so cgo cannot represent it). C11 6.2.5p13 gives
 * float _Complex the representation and alignment of float[2]: that is how C++, and so the
 * JNI glue, declares the member, with the same layout.
 */
typedef struct {
  uint32_t pad;
#ifdef __cplusplus
  float x[2]; /* x[0] real part, x[1] imaginary part */
#else
  float _Complex x;
#endif
} complex_pair;

size_t tn_complex_pair_size(void);
size_t tn_complex_pair_x_offset(void);
/* Fills x with re + im*i, computed with C's complex arithmetic. */
void tn_complex_pair_fill(complex_pair* pair, uint32_t pad, float re, float im);
/* Multiplies x by i (re, im) -> (-im, re) using complex arithmetic. */
void tn_complex_pair_rotate(complex_pair* pair);
float tn_complex_pair_real(const complex_pair* pair);
float tn_complex_pair_imag(const complex_pair* pair);

/* ---- Environment -------------------------------------------------------------------- */

/* setenv(3)/unsetenv(3) on the C environment; 0 on success, else an errno value. */
int tn_setenv(const char* name, const char* value);
int tn_unsetenv(const char* name);
/* getenv(3): the C environment's value, or NULL. */
const char* tn_getenv(const char* name);

#ifdef __cplusplus
}
#endif

#endif
