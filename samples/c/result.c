// A C program that uses Java: it starts a JVM, drives a Java Result through the functions
// that libjniresult exports, prints it, and stops the JVM. The blog post's foo(), with C's
// main() in charge instead of Go's.
//
//   result [CLASSPATH]
//
// CLASSPATH (without an argument, the environment variable TUNNEL_CLASSPATH) lists the jars
// the JVM needs, e.g. "exports/target/c/java/*"; the README shows how to build and run it.
// Prints "1: -1, 2: 123, 3: 456" and exits 0. On a failure, prints CResultLastError() on
// stderr and exits 1; on wrong arguments, prints the usage and exits 2.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "result.h"

// Whether the call just made failed; if so, says why on stderr.
static int failed(void) {
    const char* error = CResultLastError();
    if (error != NULL) {
        fprintf(stderr, "result: %s\n", error);
    }
    return error != NULL;
}

// Stops the JVM and returns the exit status: STATUS, or 1 if the JVM did not stop cleanly.
static int stop(int status) {
    return CResultStopJVM() == 0 ? status : (failed(), 1);
}

int main(int argc, char** argv) {
    const char* classpath = argc > 1 ? argv[1] : getenv("TUNNEL_CLASSPATH");
    if (argc > 2 || classpath == NULL) {
        fprintf(stderr, "usage: %s CLASSPATH (or set TUNNEL_CLASSPATH), e.g. %s 'exports/target/c/java/*'\n",
                argv[0], argv[0]);
        return 2;
    }
    if (CResultStartJVM(classpath) != 0) {
        failed();
        return 1;
    }

    uintptr_t result = CNewResult();
    if (failed()) {
        return stop(1);
    }
    CResultSet(result, -1, 123, 456);
    if (failed()) {
        CFreeResult(result);
        return stop(1);
    }
    char* str = CResultString(result);
    if (failed()) {
        CFreeResult(result);
        return stop(1);
    }
    printf("%s\n", str);
    free(str);
    CFreeResult(result);
    return stop(failed() ? 1 : 0);
}
