/* The hook registry of hooks.h: a growable array under a mutex, read by the caller threads. */
#include "hooks.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t hooks_lock = PTHREAD_MUTEX_INITIALIZER;
static TraverseHookFn* hooks;
static int hooks_count;
static int hooks_capacity;

int traverse_hooks_add(TraverseHookFn hook) {
  pthread_mutex_lock(&hooks_lock);
  int index = -1;
  if (hooks_count == hooks_capacity) {
    int capacity = hooks_capacity == 0 ? 64 : hooks_capacity * 2;
    TraverseHookFn* grown = (TraverseHookFn*)realloc(hooks, (size_t)capacity * sizeof *grown);
    if (grown != NULL) {
      hooks = grown;
      hooks_capacity = capacity;
    }
  }
  if (hooks_count < hooks_capacity) {
    index = hooks_count++;
    hooks[index] = hook;
  }
  pthread_mutex_unlock(&hooks_lock);
  return index;
}

int traverse_hooks_count(void) {
  pthread_mutex_lock(&hooks_lock);
  int n = hooks_count;
  pthread_mutex_unlock(&hooks_lock);
  return n;
}

void traverse_hooks_clear(void) {
  pthread_mutex_lock(&hooks_lock);
  free(hooks);
  hooks = NULL;
  hooks_count = hooks_capacity = 0;
  pthread_mutex_unlock(&hooks_lock);
}

/* One caller thread's work and tally. */
typedef struct hook_caller {
  pthread_t thread;
  const TraverseHookFn* hooks; /* a snapshot: the registry may change while the threads run */
  int count;
  int first, step;             /* call_all: hooks first, first + step, ... */
  int random_calls;            /* call_random: how many, or 0 for call_all */
  uint32_t state;              /* call_random's xorshift state */
  traverse_hook_report report;
} hook_caller;

static void call_hook(hook_caller* c, int i) {
  int64_t answer = c->hooks[i](i);
  c->report.calls++;
  if (answer == TRAVERSE_HOOK_ANSWER(i)) {
    c->report.right++;
  } else if (answer == TRAVERSE_HOOK_REJECTED) {
    c->report.rejected++;
  } else {
    c->report.wrong++;
  }
}

static void* hook_caller_main(void* arg) {
  hook_caller* c = (hook_caller*)arg;
  if (c->random_calls == 0) {
    for (int i = c->first; i < c->count; i += c->step) {
      call_hook(c, i);
    }
  } else {
    for (int k = 0; k < c->random_calls; k++) {
      c->state ^= c->state << 13;
      c->state ^= c->state >> 17;
      c->state ^= c->state << 5;
      call_hook(c, (int)(c->state % (uint32_t)c->count));
    }
  }
  return NULL;
}

/* Runs the callers set up by the caller of this, then sums their reports. */
static int run_callers(hook_caller* callers, int threads, traverse_hook_report* report) {
  int started = 0, status = 0;
  for (; started < threads; started++) {
    status = pthread_create(&callers[started].thread, NULL, hook_caller_main, &callers[started]);
    if (status != 0) {
      break;
    }
  }
  traverse_hook_report sum = {0, 0, 0, 0};
  for (int t = 0; t < started; t++) {
    pthread_join(callers[t].thread, NULL);
    sum.calls += callers[t].report.calls;
    sum.right += callers[t].report.right;
    sum.rejected += callers[t].report.rejected;
    sum.wrong += callers[t].report.wrong;
  }
  *report = sum;
  return status;
}

/*
 * Both entry points: a snapshot of the registry, then threads callers over it, each calling
 * every threads-th hook (random_calls == 0) or random_calls random hooks.
 */
static int call_hooks(int threads, int random_calls, uint32_t seed, traverse_hook_report* report) {
  if (threads <= 0 || random_calls < 0) {
    return EINVAL;
  }
  pthread_mutex_lock(&hooks_lock);
  int count = hooks_count;
  TraverseHookFn* snapshot = (TraverseHookFn*)malloc((size_t)(count > 0 ? count : 1) * sizeof *snapshot);
  for (int i = 0; snapshot != NULL && i < count; i++) {
    snapshot[i] = hooks[i];
  }
  pthread_mutex_unlock(&hooks_lock);
  hook_caller* callers = (hook_caller*)calloc((size_t)threads, sizeof *callers);
  int status = snapshot == NULL || callers == NULL ? ENOMEM : random_calls > 0 && count == 0 ? EINVAL : 0;
  for (int t = 0; status == 0 && t < threads; t++) {
    callers[t].hooks = snapshot;
    callers[t].count = count;
    callers[t].first = t;
    callers[t].step = threads;
    callers[t].random_calls = random_calls;
    callers[t].state = (seed ^ (uint32_t)(t + 1) * 2654435761u) | 1u; /* xorshift needs a nonzero state */
  }
  if (status == 0) {
    status = run_callers(callers, threads, report);
  }
  free(callers);
  free(snapshot);
  return status;
}

int traverse_hooks_call_all(int threads, traverse_hook_report* report) {
  return call_hooks(threads, 0, 0, report);
}

int traverse_hooks_call_random(int threads, int calls_per_thread, uint32_t seed, traverse_hook_report* report) {
  return calls_per_thread > 0 ? call_hooks(threads, calls_per_thread, seed, report) : EINVAL;
}
