// What a C program sees when it misuses the functions libjniresult exports: every bad call
// returns its failure value and CResultLastError() says why, Java logs it, and the JVM goes on.
//
//   result_errors [CLASSPATH]      (or TUNNEL_CLASSPATH, as for result.c)
//
// Prints one line per bad call, "<case>: <what CResultLastError() said>", then the
// Result example's line to show the JVM still works. Exits 0 if every bad call was reported
// and returned its failure value, 1 otherwise.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "result.h"

static int unreported = 0;

// Prints what CResultLastError() says about the call just made, which should have failed.
static void expect_error(const char* what, int returned_failure_value) {
    const char* error = CResultLastError();
    printf("%s: %s\n", what, error != NULL ? error : "NOT REPORTED");
    if (error == NULL || !returned_failure_value) {
        unreported++;
    }
}

// The three calls that take a handle, each with HANDLE.
static void misuse(const char* kind, uintptr_t handle) {
    char what[64];
    snprintf(what, sizeof what, "CResultSet, %s", kind);
    CResultSet(handle, 1, 2, 3);
    expect_error(what, 1);

    snprintf(what, sizeof what, "CResultString, %s", kind);
    char* str = CResultString(handle);
    expect_error(what, str == NULL);
    free(str);

    snprintf(what, sizeof what, "CFreeResult, %s", kind);
    CFreeResult(handle);
    expect_error(what, 1);
}

int main(int argc, char** argv) {
    const char* classpath = argc > 1 ? argv[1] : getenv("TUNNEL_CLASSPATH");
    if (argc > 2 || classpath == NULL) {
        fprintf(stderr, "usage: %s CLASSPATH (or set TUNNEL_CLASSPATH)\n", argv[0]);
        return 2;
    }

    uintptr_t early = CNewResult();
    expect_error("CNewResult, before the JVM", early == 0);

    if (CResultStartJVM(classpath) != 0) {
        fprintf(stderr, "result_errors: %s\n", CResultLastError());
        return 1;
    }
    misuse("zero", 0);
    misuse("forged", 0x12345);

    uintptr_t freed = CNewResult();
    CFreeResult(freed);
    misuse("already freed", freed);

    // the JVM took all that in its stride
    uintptr_t result = CNewResult();
    CResultSet(result, -1, 123, 456);
    char* str = CResultString(result);
    printf("still working: %s\n", str != NULL ? str : CResultLastError());
    int working = str != NULL;
    free(str);
    CFreeResult(result);

    if (CResultStopJVM() != 0) {
        fprintf(stderr, "result_errors: %s\n", CResultLastError());
        return 1;
    }
    uintptr_t late = CNewResult();
    expect_error("CNewResult, after the JVM", late == 0);
    return unreported == 0 && working ? 0 : 1;
}
