// C loops over the Result exports, compiled into libjniresult for Tunnel's leak test and
// benchmark: C calling Java many times, with Java only at the ends of the loop.
#ifndef TUNNEL_RESULT_LOOPS_H
#define TUNNEL_RESULT_LOOPS_H

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "result.h"
#include "result_export.h" // tunnel_result_java_set_any, for the loop without the wrapper

#ifdef __cplusplus
extern "C" {
#endif

// Runs N full cycles of foo()'s calls (CNewResult, CResultSet, CResultString, free,
// CFreeResult) without printing. Returns how many cycles succeeded: each call without error
// and the expected string; stops at the first cycle that fails.
int64_t result_cycles(int64_t n) {
    for (int64_t i = 0; i < n; i++) {
        uintptr_t result = CNewResult();
        if (result == 0) {
            return i;
        }
        CResultSet(result, -1, 123, 456);
        int ok = CResultLastError() == NULL;
        char* str = ok ? CResultString(result) : NULL;
        ok = str != NULL && strcmp(str, "1: -1, 2: 123, 3: 456") == 0;
        free(str);
        CFreeResult(result);
        if (!ok || CResultLastError() != NULL) {
            return i;
        }
    }
    return n;
}

struct result_cycles_work {
    pthread_t thread;
    int64_t n;
    int64_t done;
};

static void* result_cycles_thread(void* arg) {
    struct result_cycles_work* work = (struct result_cycles_work*)arg;
    work->done = result_cycles(work->n);
    return NULL;
}

// Runs result_cycles(N) on THREADS new native threads at once: each is attached to the JVM by
// its first call and detached when it ends. Returns the total of cycles that succeeded, or -1
// if the threads could not be created.
int64_t result_cycles_on_threads(int threads, int64_t n) {
    struct result_cycles_work* work = (struct result_cycles_work*)calloc(threads > 0 ? threads : 1, sizeof *work);
    if (work == NULL) {
        return -1;
    }
    int started = 0;
    while (started < threads) {
        work[started].n = n;
        if (pthread_create(&work[started].thread, NULL, result_cycles_thread, &work[started]) != 0) {
            break;
        }
        started++;
    }
    int64_t done = 0;
    for (int i = 0; i < started; i++) {
        pthread_join(work[i].thread, NULL);
        done += work[i].done;
    }
    free(work);
    return started == threads ? done : -1;
}

// Calls CResultSet N times on RESULT (val2 = the iteration), the cost of one export call.
// Returns how many calls failed.
int64_t result_set_loop(uintptr_t result, int64_t n) {
    int64_t failed = 0;
    for (int64_t i = 0; i < n; i++) {
        CResultSet(result, 1, i, 3);
        failed += CResultLastError() != NULL;
    }
    return failed;
}

// The same calls straight to the Java function (its upcall stub, or the JNI function JavaCPP
// generates), without result.h's wrapper
// (no error clearing, no exception guard): what the wrapper costs is the difference.
// Returns how many calls failed.
int64_t result_set_loop_unwrapped(uintptr_t result, int64_t n) {
    int64_t failed = 0;
    for (int64_t i = 0; i < n; i++) {
        failed += tunnel_result_java_set_any(result, 1, i, 3) == 0;
    }
    return failed;
}

#ifdef __cplusplus
}
#endif

#endif
