/*
 * ExpatBenchmark's floor, compiled into its JNI library (jnitunnelbenchexpat, linked with
 * libexpat): expat driven from C alone, its handlers computing the benchmark's checksum in C.
 * Whatever Tunnel adds on top of expat is the distance from this.
 */
#ifndef TUNNEL_BENCH_EXPAT_FLOOR_H
#define TUNNEL_BENCH_EXPAT_FLOOR_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include "expat.h"

/* ExpatBenchmark's checksum: a rolling hash over UTF-8 bytes and a count of start elements. */
typedef struct bench_expat_sum {
  uint64_t hash; /* unsigned: it wraps as Java's long does, where signed overflow would be undefined */
  uint64_t elements;
  XML_Parser parser;
  int specified_only;
} bench_expat_sum;

static inline uint64_t bench_expat_hash(uint64_t h, const XML_Char* s) {
  for (; *s != 0; s++) {
    h = 31 * h + (unsigned char)*s;
  }
  return h;
}

static void XMLCALL bench_expat_start(void* user_data, const XML_Char* name, const XML_Char** atts) {
  bench_expat_sum* sum = (bench_expat_sum*)user_data;
  /* the names and values of the attributes the document specifies, or also those its DTD defaults */
  int n = sum->specified_only ? XML_GetSpecifiedAttributeCount(sum->parser) : INT_MAX;
  uint64_t h = bench_expat_hash(sum->hash, name);
  for (int i = 0; i < n && atts[i] != NULL; i++) {
    h = bench_expat_hash(h, atts[i]);
  }
  sum->hash = h;
  sum->elements++;
}

static void XMLCALL bench_expat_text(void* user_data, const XML_Char* s, int len) {
  bench_expat_sum* sum = (bench_expat_sum*)user_data;
  uint64_t h = sum->hash;
  for (int i = 0; i < len; i++) {
    h = 31 * h + (unsigned char)s[i];
  }
  sum->hash = h;
}

/*
 * Parses the size bytes at data as XmlParser does (a parser of its own, no parameter entities,
 * handlers for start elements and text only), then frees it. Returns the checksum, 63 bits as
 * Java's, or minus expat's error code when the document is not well-formed (or -1 without memory).
 */
static int64_t bench_expat_checksum(const char* data, size_t size, bool specified_only) {
  XML_Parser parser = XML_ParserCreate(NULL);
  if (parser == NULL) {
    return -1;
  }
  bench_expat_sum sum = {0, 0, parser, specified_only};
  XML_SetUserData(parser, &sum);
  XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
  XML_SetStartElementHandler(parser, bench_expat_start);
  XML_SetCharacterDataHandler(parser, bench_expat_text);
  int64_t result = 0;
  size_t done = 0;
  do { /* XML_Parse takes an int: a gigabyte at a time */
    int n = (int)(size - done < ((size_t)1 << 30) ? size - done : (size_t)1 << 30);
    int last = done + (size_t)n == size;
    if (XML_Parse(parser, data + done, n, last) == XML_STATUS_ERROR) {
      result = -(int64_t)XML_GetErrorCode(parser);
      break;
    }
    done += (size_t)n;
  } while (done < size);
  XML_ParserFree(parser);
  return result < 0 ? result : (int64_t)((sum.hash + 1000003 * sum.elements) & INT64_MAX);
}

#endif
