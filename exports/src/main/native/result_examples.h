// The C code of the texts Tunnel follows, calling Java functions that libjniresult exports.
// Compiled into libjniresult; Java calls foo() and ACFunction() through CResultLibrary.
#ifndef TUNNEL_RESULT_EXAMPLES_H
#define TUNNEL_RESULT_EXAMPLES_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

// The cgo wiki's "global functions": Java's AJavaFunction (AJavaFunctionExport), exported to C.
void AJavaFunction(void);

// The wiki's ACFunction, which calls the exported Java function.
void ACFunction(void) {
    printf("ACFunction()\n");
    fflush(stdout); // C and Java write to the same stdout through different buffers
    AJavaFunction();
}

// The blog post's foo(): C drives a Java Result through its handle. Prints
// "1: -1, 2: 123, 3: 456". Unlike the post, it also frees the string and the handle.
void foo(void) {
    uintptr_t result = CNewResult();
    CResultSet(result, -1, 123, 456);
    char* str = CResultString(result);
    printf("%s\n", str);
    fflush(stdout);
    free(str);
    CFreeResult(result);
}

#ifdef __cplusplus
}
#endif

#endif
