/*
 * A C library that keeps bare function pointers, with no user_data, and calls them later from
 * threads it creates: the shape of log handlers, subsystem hooks and allocator hooks, which
 * only closures can serve.
 */
#ifndef TRAVERSE_HOOKS_H
#define TRAVERSE_HOOKS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A hook: called with a token, returns an answer. No user_data. */
typedef int64_t (*TraverseHookFn)(int64_t token);

/* What a hook registered as number i answers when it is the hook C meant: 2 * i + 1. */
#define TRAVERSE_HOOK_ANSWER(i) (2 * (int64_t)(i) + 1)

/* What a hook's binding answers when it cannot call its target (closed, or it threw). */
#define TRAVERSE_HOOK_REJECTED (-1)

/* Keeps hook as number traverse_hooks_count() - 1; returns that number, or -1 if out of memory. */
int traverse_hooks_add(TraverseHookFn hook);
/* Hooks kept now. */
int traverse_hooks_count(void);
/* Forgets every hook. */
void traverse_hooks_clear(void);

/* How calls to the hooks went. */
typedef struct traverse_hook_report {
  int64_t calls;    /* hooks called */
  int64_t right;    /* answered TRAVERSE_HOOK_ANSWER of their own number */
  int64_t rejected; /* answered TRAVERSE_HOOK_REJECTED */
  int64_t wrong;    /* answered anything else: the call reached another hook's target */
} traverse_hook_report;

/*
 * Calls every hook once, hook i (with token i) from thread i % threads, on threads this call
 * creates and joins: none of them exists before the call. Fills report; returns 0, or an errno
 * value if a thread could not be created (the threads created are joined first).
 */
int traverse_hooks_call_all(int threads, traverse_hook_report* report);

/*
 * Calls hooks in random order: each of threads new threads makes calls_per_thread calls, to
 * hooks picked by a generator seeded with seed and the thread's number. Fills report; returns
 * 0, EINVAL if no hook is kept, or an errno value as traverse_hooks_call_all.
 */
int traverse_hooks_call_random(int threads, int calls_per_thread, uint32_t seed, traverse_hook_report* report);

#ifdef __cplusplus
}
#endif

#endif
