#define _POSIX_C_SOURCE 200809L
#include "basics.h"

#include <complex.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int distance(point* a, point* b) {
  double dx = (double)b->x - a->x;
  double dy = (double)b->y - a->y;
  return (int)lround(sqrt(dx * dx + dy * dy));
}

void tn_free(void* memory) {
  free(memory);
}

static const char greeting_format[] = "Hello, %s!";

char* tn_greeting(const char* name) {
  if (name == NULL) {
    return NULL;
  }
  int length = snprintf(NULL, 0, greeting_format, name);
  if (length < 0) {
    return NULL;
  }
  char* greeting = malloc((size_t)length + 1);
  if (greeting != NULL) {
    snprintf(greeting, (size_t)length + 1, greeting_format, name);
  }
  return greeting;
}

size_t tn_greeting_into(const char* name, char* buffer, size_t capacity) {
  int length = snprintf(buffer, capacity, greeting_format, name != NULL ? name : "");
  return length < 0 ? 0 : (size_t)length;
}

/* 'T' 'U' 'N' NUL 'N' 'E' 'L': an embedded NUL and no terminating one. */
static const char packet[] = {'T', 'U', 'N', '\0', 'N', 'E', 'L'};

const char* tn_packet(size_t* length) {
  *length = sizeof packet;
  return packet;
}

int32_t* tn_squares(size_t count) {
  int32_t* values = malloc(count > 0 ? count * sizeof *values : 1);
  if (values != NULL) {
    for (size_t i = 0; i < count; i++) {
      values[i] = (int32_t)(i * i);
    }
  }
  return values;
}

int64_t tn_sum(const int32_t* values, size_t count) {
  int64_t sum = 0;
  for (size_t i = 0; i < count; i++) {
    sum += values[i];
  }
  return sum;
}

size_t tn_packed_header_size(void) {
  return sizeof(packed_header);
}

size_t tn_packed_header_id_offset(void) {
  return offsetof(packed_header, id);
}

void tn_packed_header_fill(packed_header* header, uint8_t kind, uint32_t id, uint16_t flags) {
  header->kind = kind;
  header->id = id;
  header->flags = flags;
}

uint64_t tn_packed_header_sum(const packed_header* header) {
  return (uint64_t)header->kind + header->id + header->flags;
}

size_t tn_complex_pair_size(void) {
  return sizeof(complex_pair);
}

size_t tn_complex_pair_x_offset(void) {
  return offsetof(complex_pair, x);
}

void tn_complex_pair_fill(complex_pair* pair, uint32_t pad, float re, float im) {
  pair->pad = pad;
  pair->x = re + im * (float _Complex)I;
}

void tn_complex_pair_rotate(complex_pair* pair) {
  pair->x *= (float _Complex)I;
}

float tn_complex_pair_real(const complex_pair* pair) {
  return crealf(pair->x);
}

float tn_complex_pair_imag(const complex_pair* pair) {
  return cimagf(pair->x);
}

int tn_setenv(const char* name, const char* value) {
  if (name == NULL || value == NULL) {
    return EINVAL;
  }
  return setenv(name, value, 1) == 0 ? 0 : errno;
}

int tn_unsetenv(const char* name) {
  if (name == NULL) {
    return EINVAL;
  }
  return unsetenv(name) == 0 ? 0 : errno;
}

const char* tn_getenv(const char* name) {
  return name != NULL ? getenv(name) : NULL;
}
