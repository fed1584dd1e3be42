/* The C library of the cgo wiki's "function pointer callbacks" example, verbatim. */
#ifndef CLIBRARY_H
#define CLIBRARY_H

#ifdef __cplusplus
extern "C" {
#endif

typedef int (*callback_fcn)(int);

/* Calls callback(2) and prints what it asked and what came back, flushing stdout each time. */
void some_c_func(callback_fcn);

#ifdef __cplusplus
}
#endif

#endif
