/*
 * Tests tunnel_closure.h from C, where sanitizers and valgrind can watch: every closure's
 * pointer is distinct and reaches its own id whatever the signature (register, stack and
 * struct-return arguments), from many threads at once; a retired closure reports its id with
 * TUNNEL_CLOSURE_RETIRED; tables come from the library's own file, and from a copy when that
 * file is gone. Usage: closure_test LIBRARY (a build of closure_lib.c).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RETIRED (UINT64_C(1) << 63)
#define CLOSURES 10000
#define THREADS 8

typedef struct slot { void* code; void* gateway; uint64_t id; uint64_t reserved; } slot;
typedef int64_t (*mixed_fn)(int64_t, double, void*);
typedef double (*many_fn)(int, int, int, int, int, int, int, int, double, double, double, double, double, double,
                          double, double, double, double);
typedef struct big { int64_t id, a, b, c; } big;
typedef struct stats { int64_t opened, tables, copied; } stats; /* tunnel_closure_stats */
typedef big (*big_fn)(int64_t, int64_t, int64_t);

static struct {
  slot* (*open)(uint64_t, int);
  void (*retire)(slot*);
  stats (*stats)(void);
  const char* (*error)(void);
} lib;

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAILED %s:%d: ", __FILE__, __LINE__); \
  fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

static void* load(const char* path) {
  void* handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    fprintf(stderr, "cannot load %s: %s\n", path, dlerror());
    exit(2);
  }
  *(void**)&lib.open = dlsym(handle, "test_open");
  *(void**)&lib.retire = dlsym(handle, "test_retire");
  *(void**)&lib.stats = dlsym(handle, "test_stats");
  *(void**)&lib.error = dlsym(handle, "test_error");
  return handle;
}

static slot* slots[CLOSURES];

static void* call_all(void* arg) {
  long t = (long)arg;
  long wrong = 0;
  for (int k = 0; k < CLOSURES; k++) {
    int i = (int)((k * 7919L + t * 104729L) % CLOSURES); /* a different order on every thread */
    int64_t got = ((mixed_fn)slots[i]->code)(t, 2.0, slots);
    if (got != (int64_t)((uint64_t)(i + 1) * 1000u + (uint64_t)t + 3)) {
      wrong++;
    }
  }
  return (void*)wrong;
}

static void test_distinct_pointers_and_tables(void) {
  for (int i = 0; i < CLOSURES; i++) {
    slots[i] = lib.open((uint64_t)i + 1, 0);
    CHECK(slots[i] != NULL, "open %d: %s", i, lib.error());
    CHECK(slots[i]->code != NULL && slots[i]->id == (uint64_t)i + 1, "slot %d", i);
  }
  for (int i = 1; i < CLOSURES; i++) {
    CHECK(slots[i]->code != slots[i - 1]->code, "closures %d and %d share a pointer", i - 1, i);
  }
  /* 4,095 closures a table: 10,000 need 3 */
  stats now = lib.stats();
  CHECK(now.tables == 3, "tables: %lld", (long long)now.tables);
  CHECK(now.opened == CLOSURES, "opened: %lld", (long long)now.opened);
  CHECK(now.copied == 0, "%lld tables copied: the library's file should have been mapped", (long long)now.copied);
}

static void test_threads_reach_their_own_closure(void) {
  pthread_t threads[THREADS];
  for (long t = 0; t < THREADS; t++) {
    pthread_create(&threads[t], NULL, call_all, (void*)t);
  }
  for (int t = 0; t < THREADS; t++) {
    void* wrong;
    pthread_join(threads[t], &wrong);
    CHECK(wrong == NULL, "thread %d: %ld calls reached another closure", t, (long)wrong);
  }
}

static void test_stack_and_struct_arguments(void) {
  slot* many = lib.open(77, 1);
  double got = ((many_fn)many->code)(1, 2, 3, 4, 5, 6, 7, 8, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5);
  double expected = 77e6 + (1 + 4 + 9 + 16 + 25 + 36 + 49 + 64)
                    + (0.5 + 3 + 7.5 + 14 + 22.5 + 33 + 45.5 + 60 + 76.5 + 95);
  CHECK(got == expected, "many: %f, expected %f", got, expected);
  slot* b = lib.open(78, 2);
  big r = ((big_fn)b->code)(-1, INT64_MAX, INT64_MIN);
  CHECK(r.id == 78 && r.a == -1 && r.b == INT64_MAX && r.c == INT64_MIN, "big: %lld %lld %lld %lld",
        (long long)r.id, (long long)r.a, (long long)r.b, (long long)r.c);
}

static void test_retired(void) {
  lib.retire(slots[5]);
  CHECK(slots[5]->id == (RETIRED | 6), "retired id %llx", (unsigned long long)slots[5]->id);
  int64_t got = ((mixed_fn)slots[5]->code)(0, 0.0, NULL);
  CHECK(got == (int64_t)((RETIRED | 6) * 1000u), "a retired closure's call reports its retired id: %lld", (long long)got);
  CHECK(((mixed_fn)slots[6]->code)(0, 0.0, NULL) == 7000, "its neighbour is unaffected");
}

/* A library whose file is deleted once loaded: its tables are copies. */
static void test_copy_when_the_file_is_gone(const char* path) {
  char copy[] = "/tmp/tunnel-closure-test-XXXXXX";
  int fd = mkstemp(copy);
  FILE* in = fopen(path, "rb");
  char buffer[65536];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, in)) > 0) {
    CHECK(write(fd, buffer, n) == (ssize_t)n, "copy %s", copy);
  }
  fclose(in);
  close(fd);
  void* handle = load(copy);
  unlink(copy);
  slot* s = lib.open(9, 0);
  CHECK(s != NULL, "open with the file gone: %s", lib.error());
  CHECK(s != NULL && ((mixed_fn)s->code)(1, 1.0, NULL) == 9002, "a copied table's closure");
  CHECK(lib.stats().copied == 1, "copied tables: %lld", (long long)lib.stats().copied);
  (void)handle; /* kept loaded: its closures stay callable for the life of the process */
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: closure_test LIBRARY\n");
    return 2;
  }
  load(argv[1]);
  test_distinct_pointers_and_tables();
  test_threads_reach_their_own_closure();
  test_stack_and_struct_arguments();
  test_retired();
  test_copy_when_the_file_is_gone(argv[1]);
  if (failures > 0) {
    fprintf(stderr, "closure_test: %d failed\n", failures);
    return 1;
  }
  printf("closure_test: passed (%d closures, %d threads)\n", CLOSURES, THREADS);
  return 0;
}
