/*
 * The runtime/cgo documentation's Handle examples, C side: myprint receives a handle to a
 * Java value, as uintptr_t or as void*, and passes it back to a Java function through a
 * function pointer (where cgo calls an exported Go function by name).
 */
#ifndef MYPRINT_H
#define MYPRINT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*HandlePrintFn)(uintptr_t handle);
typedef void (*ContextPrintFn)(void* context);

/* Calls print(handle). C never looks inside the handle. */
void myprint(uintptr_t handle, HandlePrintFn print);

/* Calls print(context): the void* variant, for APIs whose user data is a pointer. */
void myprint_context(void* context, ContextPrintFn print);

#ifdef __cplusplus
}
#endif

#endif
