#include "myprint.h"

#include <stddef.h>

void myprint(uintptr_t handle, HandlePrintFn print) {
  if (print != NULL) {
    print(handle);
  }
}

void myprint_context(void* context, ContextPrintFn print) {
  if (print != NULL) {
    print(context);
  }
}
