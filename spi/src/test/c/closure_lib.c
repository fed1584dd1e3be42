/*
 * A library with closures compiled in, as a binding's JNI library has them: tunnel_closure.h and
 * gateways of three shapes that report which closure C called. closure_test.c drives it.
 */
#include "tunnel_closure.h"

/* Arguments in integer and vector registers. */
static int64_t gateway_mixed(int64_t a, double b, void* p) {
  /* unsigned: a retired id has its top bit set, and the product wraps */
  return (int64_t)(tunnel_closure_current() * 1000u + (uint64_t)(a + (int64_t)b + (p != NULL)));
}

/* More arguments than registers: the rest travel on the stack, which the trampoline leaves alone. */
static double gateway_many(int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7,
                           double d0, double d1, double d2, double d3, double d4, double d5,
                           double d6, double d7, double d8, double d9) {
  double ints = a0 + 2 * a1 + 3 * a2 + 4 * a3 + 5 * a4 + 6 * a5 + 7 * a6 + 8 * a7;
  double doubles = d0 + 2 * d1 + 3 * d2 + 4 * d3 + 5 * d4 + 6 * d5 + 7 * d6 + 8 * d7 + 9 * d8 + 10 * d9;
  return (double)tunnel_closure_current() * 1e6 + ints + doubles;
}

/* A struct returned in memory: the hidden result pointer is an argument register too. */
typedef struct big { int64_t id, a, b, c; } big;
static big gateway_big(int64_t a, int64_t b, int64_t c) {
  big r = {(int64_t)tunnel_closure_current(), a, b, c};
  return r;
}

tunnel_closure_slot* test_open(uint64_t id, int shape) {
  void* gateway = shape == 0 ? (void*)gateway_mixed : shape == 1 ? (void*)gateway_many : (void*)gateway_big;
  return tunnel_closure_open(id, gateway);
}
void test_retire(tunnel_closure_slot* slot) { tunnel_closure_retire(slot); }
uint64_t test_current(void) { return tunnel_closure_current(); }
tunnel_closure_stats test_stats(void) { return tunnel_closure_statistics(); }
const char* test_error(void) { return tunnel_closure_error(); }
